import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import { PostForm } from '../../../../../platform/views/components/forms.js';

/**
 * The page a mailed link opens: a button that does the act. Opening a link changes nothing
 * (SECURITY.md: no GET changes anything), so a mail scanner that follows links uses no token.
 */
export function ConfirmLinkPage(props: {
  context: PageContext;
  title: string;
  text: string;
  action: string;
  token: string;
  submit: string;
}) {
  return (
    <Layout context={props.context} title={props.title}>
      <h1>{props.title}</h1>
      <p>{props.text}</p>
      <PostForm context={props.context} action={props.action}>
        <input type="hidden" name="jeton" value={props.token} />
        <button type="submit" class="button">
          {props.submit}
        </button>
      </PostForm>
    </Layout>
  );
}
