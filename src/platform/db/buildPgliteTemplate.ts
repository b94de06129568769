// Run by `ensurePgliteTemplate` in a process of its own: initdb's memory ends with this process.
import { buildPgliteTemplate, pgliteTemplatePath } from './pgliteTemplate.js';

await buildPgliteTemplate(await pgliteTemplatePath());
