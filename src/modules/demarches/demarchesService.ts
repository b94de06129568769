import { randomUUID } from 'node:crypto';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { localDayOf } from '../../shared/localDays.js';
import { type NotFound, type Refused, notFound, refused } from '../../shared/outcome.js';
import type { AuditActor, AuditLog } from '../audit/auditLog.js';
import type { AuditAction } from '../audit/auditActions.js';
import type { Commune } from '../communes/domain/commune.js';
import type { CheckedIntake } from '../documents/documentIntake.js';
import type { Request, Author } from '../requests/requestsRepository.js';
import type { NewRequest } from '../requests/requestsService.js';
import { DEMARCHE, type DemarchePayload } from './demarcheRequestType.js';
import type { Demarche, DemarcheValues, DemarchesRepository } from './demarchesRepository.js';
import {
  type Answer,
  type DocumentGiven,
  type FamilyChild,
  answerName,
  documentChildName,
  documentChoiceName,
  readAnswers,
  readDocumentChild,
} from './domain/answers.js';
import {
  type DemarcheText,
  type FieldDefinition,
  FIELDS_MAX,
  type Problems,
  demarcheTextProblems,
  fieldProblems,
  normalisedField,
  publicationProblem,
} from './domain/demarcheDefinition.js';

/** Who changes a démarche, as the audit log names them, and from where. */
export interface DemarcheAuthor {
  actor: AuditActor;
  ip: string;
}

/** The form's values are wrong: each problem under the name of its field. */
export type Invalid = Refused<'invalid', { problems: Problems }>;

export type DemarcheOutcome = { ok: true; id: string } | NotFound | Invalid;
export type SubmitOutcome = { ok: true; request: Request } | NotFound | Invalid | FileRefused;

/** A document type a démarche may ask: one of the commune's, given for the family as a whole or for a child. */
export interface DemarcheDocumentType {
  code: string;
  name: string;
  forChild: boolean;
}

/** A file sent with a démarche's form, by the form's field it was sent in. */
export interface DemarcheFile {
  field: string;
  name: string;
  bytes: Buffer;
  truncated: boolean;
}

/** What the vault refused of a file (its reasons are the vault's; the route words them). */
export type FileRefused = Refused<'file-refused', { field: string; problem: string; fileName: string }>;

/** What the démarches ask of the document vault (`DocumentsService`, adapted in the container). */
export interface DemarcheVault {
  types(commune: Commune): Promise<DemarcheDocumentType[]>;
  /** The family's children, who a child's document may be for. */
  children(commune: Commune, familyId: string): Promise<FamilyChild[]>;
  /** The family's (or its child's) document of this type the guichet validated and still holds valid, if any. */
  validDocument(
    commune: Commune,
    familyId: string,
    typeCode: string,
    memberId: string | null,
  ): Promise<{ id: string; text: string } | null>;
  /** Checks one question's files as the vault checks any upload, nothing stored. */
  check(
    commune: Commune,
    subject: DocumentSubject,
    files: DemarcheFile[],
  ): Promise<{ ok: true; checked: CheckedIntake } | VaultRefusal>;
  /**
   * Stores files `check` accepted as a document, in the démarche's transaction; the very files of the
   * family's current document give that document.
   */
  store(
    commune: Commune,
    familyId: string,
    author: Author,
    subject: DocumentSubject,
    checked: CheckedIntake,
    tx: Db,
  ): Promise<{ ok: true; id: string } | VaultRefusal>;
}

/** What a document question's files are stored as: a type, for the family or for one of its children. */
export interface DocumentSubject {
  typeCode: string;
  memberId: string | null;
}

/** The vault's reason for refusing a question's files (its words; the route says them in French). */
type VaultRefusal = { ok: false; problem: string; fileName: string };

/** A question's files refused once the démarche's transaction began: thrown to roll it back, then answered. */
class FilesUndone extends Error {
  constructor(readonly outcome: FileRefused) {
    super('démarche files refused');
  }
}

/** What the démarches ask of the requests engine: to file a request, in their transaction. */
export interface RequestFiling {
  submit(commune: Commune, input: NewRequest, tx?: Db): Promise<Request>;
}

interface Deps {
  db: Db;
  clock: Clock;
  repository: DemarchesRepository;
  requests: RequestFiling;
  vault: DemarcheVault;
  audit: AuditLog;
}

const invalid = (problems: Problems): Invalid => refused('invalid', { problems });
const fileRefused = (field: string, { problem, fileName }: VaultRefusal): FileRefused =>
  refused('file-refused', { field, problem, fileName });

/**
 * « Autres démarches »: the administrators define the commune's démarches and their questions, and
 * publish them; a family fills one in and it becomes a « demarche » request. Every change of a
 * definition is made under the démarche's lock and written with its audit line in one transaction.
 */
export class DemarchesService {
  constructor(private readonly deps: Deps) {}

  /** The administrators' list: every démarche, published or not. */
  all(communeId: string): Promise<Demarche[]> {
    return this.deps.repository.all(communeId);
  }

  find(communeId: string, id: string): Promise<Demarche | null> {
    return this.deps.repository.find(communeId, id);
  }

  /** What « Autres démarches » offers the families. */
  published(communeId: string): Promise<Demarche[]> {
    return this.deps.repository.published(communeId);
  }

  /** A démarche a family may fill in: published, and the commune's. */
  async publishedOne(communeId: string, id: string): Promise<Demarche | null> {
    const demarche = await this.deps.repository.find(communeId, id);
    return demarche?.published ? demarche : null;
  }

  async create(commune: Commune, text: DemarcheText, author: DemarcheAuthor): Promise<DemarcheOutcome> {
    const problems = demarcheTextProblems(text);
    if (Object.keys(problems).length > 0) return invalid(problems);
    return inTransaction(this.deps.db, async (tx) => {
      const demarche = await this.deps.repository.insert(
        commune.id,
        { title: text.title.trim(), description: text.description.trim(), fields: [], published: false },
        this.deps.clock.now(),
        tx,
      );
      await this.record(commune, author, 'demarche.created', demarche.id, { title: demarche.title }, tx);
      return { ok: true, id: demarche.id } as const;
    });
  }

  async updateText(commune: Commune, id: string, text: DemarcheText, author: DemarcheAuthor): Promise<DemarcheOutcome> {
    const problems = demarcheTextProblems(text);
    if (Object.keys(problems).length > 0) return invalid(problems);
    return this.change(commune, id, author, 'demarche.updated', () => ({
      values: { title: text.title.trim(), description: text.description.trim() },
      details: { title: text.title.trim() },
    }));
  }

  /** Offers the démarche to the families, or withdraws it (the requests already made stay). */
  setPublished(commune: Commune, id: string, published: boolean, author: DemarcheAuthor): Promise<DemarcheOutcome> {
    return this.change(commune, id, author, published ? 'demarche.published' : 'demarche.unpublished', (d) => {
      const problem = published ? publicationProblem(d.fields) : null;
      return problem ? invalid({ published: problem }) : { values: { published }, details: { title: d.title } };
    });
  }

  /** The document types a question may ask for. */
  async documentTypes(commune: Commune): Promise<DemarcheDocumentType[]> {
    return this.deps.vault.types(commune);
  }

  /** The family's children, for the questions asking a child's document. */
  children(commune: Commune, familyId: string): Promise<FamilyChild[]> {
    return this.deps.vault.children(commune, familyId);
  }

  private async definitionProblems(commune: Commune, field: FieldDefinition): Promise<Problems> {
    const types = field.kind === 'document' ? await this.deps.vault.types(commune) : [];
    return fieldProblems(
      field,
      types.map((type) => type.code),
    );
  }

  async addField(
    commune: Commune,
    id: string,
    field: FieldDefinition,
    author: DemarcheAuthor,
  ): Promise<DemarcheOutcome> {
    const problems = await this.definitionProblems(commune, field);
    if (Object.keys(problems).length > 0) return invalid(problems);
    return this.change(commune, id, author, 'demarche.field-added', (d) => {
      if (d.fields.length >= FIELDS_MAX)
        return invalid({ label: `Une démarche compte ${FIELDS_MAX} questions au plus.` });
      const added = { id: randomUUID(), ...normalisedField(field) };
      return { values: { fields: [...d.fields, added] }, details: { fieldId: added.id, kind: added.kind } };
    });
  }

  async updateField(
    commune: Commune,
    id: string,
    fieldId: string,
    field: FieldDefinition,
    author: DemarcheAuthor,
  ): Promise<DemarcheOutcome> {
    const problems = await this.definitionProblems(commune, field);
    if (Object.keys(problems).length > 0) return invalid(problems);
    return this.change(commune, id, author, 'demarche.field-updated', (d) => {
      if (!d.fields.some((f) => f.id === fieldId)) return notFound;
      const fields = d.fields.map((f) => (f.id === fieldId ? { id: f.id, ...normalisedField(field) } : f));
      return { values: { fields }, details: { fieldId, kind: field.kind } };
    });
  }

  /** Removes a question; a published démarche keeps at least one. */
  removeField(commune: Commune, id: string, fieldId: string, author: DemarcheAuthor): Promise<DemarcheOutcome> {
    return this.change(commune, id, author, 'demarche.field-removed', (d) => {
      if (!d.fields.some((f) => f.id === fieldId)) return notFound;
      const fields = d.fields.filter((f) => f.id !== fieldId);
      const problem = d.published ? publicationProblem(fields) : null;
      if (problem)
        return invalid({
          fields: 'Une démarche publiée garde au moins une question : retirez-la de la publication d’abord.',
        });
      return { values: { fields }, details: { fieldId } };
    });
  }

  /** Moves a question one place up the form. */
  moveFieldUp(commune: Commune, id: string, fieldId: string, author: DemarcheAuthor): Promise<DemarcheOutcome> {
    return this.change(commune, id, author, 'demarche.field-moved', (d) => {
      const index = d.fields.findIndex((f) => f.id === fieldId);
      if (index < 0) return notFound;
      const fields = [...d.fields];
      if (index > 0) [fields[index - 1], fields[index]] = [fields[index]!, fields[index - 1]!];
      return { values: { fields }, details: { fieldId, position: Math.max(index, 1) } };
    });
  }

  /**
   * The validated documents a family may give again to a démarche's questions, by the form's name. A
   * child's document is looked for only once the child is known (`childOf`, by the form's name).
   */
  async validDocuments(
    commune: Commune,
    familyId: string,
    demarche: Demarche,
    childOf: Record<string, string | undefined> = {},
  ): Promise<Record<string, { id: string; text: string }>> {
    const forChild = await this.childTypeCodes(commune, demarche);
    const given: Record<string, { id: string; text: string }> = {};
    for (const field of demarche.fields) {
      if (field.kind !== 'document' || !field.documentType) continue;
      const name = answerName(field);
      const memberId = forChild.has(field.documentType) ? childOf[name] : null;
      if (memberId === undefined) continue;
      const valid = await this.deps.vault.validDocument(commune, familyId, field.documentType, memberId);
      if (valid) given[name] = valid;
    }
    return given;
  }

  /** The codes of the document types a démarche asks that are given for a child. */
  async childTypeCodes(commune: Commune, demarche: Demarche): Promise<Set<string>> {
    if (!demarche.fields.some((field) => field.kind === 'document')) return new Set();
    const types = await this.deps.vault.types(commune);
    return new Set(types.filter((type) => type.forChild).map((type) => type.code));
  }

  /**
   * The child each question asking a child's document is for, by the question's form name, and the
   * problems of those whose child is missing or not the family's. A question left unanswered (not
   * required, no file, no child chosen) needs no child.
   */
  private async chosenChildren(
    commune: Commune,
    familyId: string,
    demarche: Demarche,
    posted: Record<string, string>,
    files: DemarcheFile[],
  ): Promise<{ children: Record<string, FamilyChild>; problems: Problems }> {
    const forChild = await this.childTypeCodes(commune, demarche);
    const asking = demarche.fields.filter((f) => f.kind === 'document' && forChild.has(f.documentType ?? ''));
    const children: Record<string, FamilyChild> = {};
    const problems: Problems = {};
    if (asking.length === 0) return { children, problems };
    const family = await this.deps.vault.children(commune, familyId);
    for (const field of asking) {
      const name = answerName(field);
      const chosen = posted[documentChildName(field)];
      const answered = field.required || (chosen ?? '') !== '' || files.some((file) => file.field === name);
      if (!answered) continue;
      const read = readDocumentChild(field, chosen, family);
      if ('problem' in read) problems[documentChildName(field)] = read.problem;
      else children[name] = read.child;
    }
    return { children, problems };
  }

  /**
   * A family sends a published démarche of its commune: the answers are checked against the
   * questions as they stand now, and become a « demarche » request. A document question takes the
   * family's validated document of its type (the chosen child's, for a child's type), or the files
   * sent: once every other answer is right, every question's files are checked by the vault, then
   * stored with the request in one transaction. Nothing is written when an answer, a child or a file
   * is wrong.
   */
  async submit(
    commune: Commune,
    familyId: string,
    id: string,
    posted: Record<string, string>,
    files: DemarcheFile[],
    author: Author,
  ): Promise<SubmitOutcome> {
    const demarche = await this.deps.repository.find(commune.id, id);
    if (!demarche?.published) return notFound;
    const chosen = await this.chosenChildren(commune, familyId, demarche, posted, files);
    const childIds = Object.fromEntries(Object.entries(chosen.children).map(([name, child]) => [name, child.id]));
    const valid = await this.validDocuments(commune, familyId, demarche, childIds);
    const given: Record<string, DocumentGiven | undefined> = {};
    for (const field of demarche.fields.filter((f) => f.kind === 'document')) {
      const name = answerName(field);
      const sentFiles = files.some((file) => file.field === name);
      // A choice after another question's file is not read (fields before files): then files sent win.
      const choice = posted[documentChoiceName(field)];
      const reuse = valid[name] !== undefined && (choice === 'existante' || (choice === undefined && !sentFiles));
      given[name] = reuse ? 'validated' : sentFiles ? 'files' : undefined;
    }
    const read = readAnswers(demarche.fields, posted, localDayOf(this.deps.clock.now()), given);
    const problems = { ...(read.ok ? {} : read.problems), ...chosen.problems };
    if (!read.ok || Object.keys(problems).length > 0) return invalid(problems);
    const answers: Answer[] = [];
    // Every question's files are checked before any is stored: a refused one leaves nothing behind.
    const toStore: { index: number; name: string; subject: DocumentSubject; checked: CheckedIntake }[] = [];
    for (const answer of read.answers) {
      const field = demarche.fields.find((f) => f.id === answer.fieldId)!;
      const name = answerName(field);
      if (field.kind !== 'document' || !given[name]) {
        answers.push(answer);
        continue;
      }
      const child = chosen.children[name];
      const forChild = child ? { memberId: child.id, child: child.name } : {};
      if (given[name] === 'validated') {
        answers.push({ ...answer, value: valid[name]!.text, documentId: valid[name]!.id, ...forChild });
        continue;
      }
      const sent = files.filter((file) => file.field === name);
      const subject = { typeCode: field.documentType ?? '', memberId: child?.id ?? null };
      const checked = await this.deps.vault.check(commune, subject, sent);
      if (!checked.ok) return fileRefused(name, checked);
      toStore.push({ index: answers.length, name, subject, checked: checked.checked });
      answers.push({ ...answer, value: sent.map((file) => file.name).join(', '), ...forChild });
    }
    try {
      return await inTransaction(this.deps.db, async (tx) => {
        for (const { index, name, subject, checked } of toStore) {
          const stored = await this.deps.vault.store(commune, familyId, author, subject, checked, tx);
          if (!stored.ok) throw new FilesUndone(fileRefused(name, stored));
          answers[index] = { ...answers[index]!, documentId: stored.id };
        }
        const payload: DemarchePayload = { demarcheId: demarche.id, title: demarche.title, answers };
        const request = await this.deps.requests.submit(
          commune,
          { familyId, type: DEMARCHE, payload, summary: demarche.title, author },
          tx,
        );
        return { ok: true, request } as const;
      });
    } catch (error) {
      if (error instanceof FilesUndone) return error.outcome;
      throw error;
    }
  }

  /** Loads the démarche under its lock, lets `edit` decide, writes what it says and the audit line. */
  private change(
    commune: Commune,
    id: string,
    author: DemarcheAuthor,
    action: AuditAction,
    edit: (
      demarche: Demarche,
    ) => { values: Partial<DemarcheValues>; details: Record<string, string | number | boolean> } | NotFound | Invalid,
  ): Promise<DemarcheOutcome> {
    return inTransaction(this.deps.db, async (tx) => {
      const demarche = await this.deps.repository.lock(commune.id, id, tx);
      if (!demarche) return notFound;
      const decided = edit(demarche);
      if ('ok' in decided) return decided;
      await this.deps.repository.update(commune.id, id, decided.values, this.deps.clock.now(), tx);
      await this.record(commune, author, action, id, decided.details, tx);
      return { ok: true, id } as const;
    });
  }

  private record(
    commune: Commune,
    author: DemarcheAuthor,
    action: AuditAction,
    id: string,
    details: Record<string, string | number | boolean>,
    tx: Db,
  ) {
    return this.deps.audit.record(
      { communeId: commune.id, actor: author.actor, action, subject: { kind: 'demarche', id }, ip: author.ip, details },
      tx,
    );
  }
}
