import { randomUUID } from 'node:crypto';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { localDayOf } from '../../shared/localDays.js';
import { type NotFound, type Refused, notFound, refused } from '../../shared/outcome.js';
import type { AuditActor, AuditLog } from '../audit/auditLog.js';
import type { AuditAction } from '../audit/auditActions.js';
import type { Commune } from '../communes/domain/commune.js';
import type { Request, Author } from '../requests/requestsRepository.js';
import type { NewRequest } from '../requests/requestsService.js';
import { DEMARCHE, type DemarchePayload } from './demarcheRequestType.js';
import type { Demarche, DemarcheValues, DemarchesRepository } from './demarchesRepository.js';
import { type Answer, type DocumentGiven, answerName, documentChoiceName, readAnswers } from './domain/answers.js';
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

/** A document type a démarche may ask: one of the commune's, given for the family as a whole. */
export interface DemarcheDocumentType {
  code: string;
  name: string;
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
  familyTypes(commune: Commune): Promise<DemarcheDocumentType[]>;
  /** The family's document of this type the guichet validated and still holds valid, if any. */
  validDocument(commune: Commune, familyId: string, typeCode: string): Promise<{ id: string; text: string } | null>;
  store(
    commune: Commune,
    familyId: string,
    author: Author,
    typeCode: string,
    files: DemarcheFile[],
  ): Promise<{ ok: true; id: string } | { ok: false; problem: string; fileName: string }>;
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
    return this.deps.vault.familyTypes(commune);
  }

  private async definitionProblems(commune: Commune, field: FieldDefinition): Promise<Problems> {
    const types = field.kind === 'document' ? await this.deps.vault.familyTypes(commune) : [];
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

  /** The validated documents a family may give again to a démarche's questions, by the form's name. */
  async validDocuments(
    commune: Commune,
    familyId: string,
    demarche: Demarche,
  ): Promise<Record<string, { id: string; text: string }>> {
    const given: Record<string, { id: string; text: string }> = {};
    for (const field of demarche.fields) {
      if (field.kind !== 'document' || !field.documentType) continue;
      const valid = await this.deps.vault.validDocument(commune, familyId, field.documentType);
      if (valid) given[answerName(field)] = valid;
    }
    return given;
  }

  /**
   * A family sends a published démarche of its commune: the answers are checked against the
   * questions as they stand now, and become a « demarche » request. A document question takes the
   * family's validated document of its type, or the files sent, stored in the vault (which checks
   * them) once every other answer is right. Nothing is written when an answer or a file is wrong.
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
    const valid = await this.validDocuments(commune, familyId, demarche);
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
    if (!read.ok) return invalid(read.problems);
    const answers: Answer[] = [];
    for (const answer of read.answers) {
      const field = demarche.fields.find((f) => f.id === answer.fieldId)!;
      const name = answerName(field);
      if (field.kind !== 'document' || !given[name]) {
        answers.push(answer);
        continue;
      }
      if (given[name] === 'validated') {
        answers.push({ ...answer, value: valid[name]!.text, documentId: valid[name]!.id });
        continue;
      }
      const sent = files.filter((file) => file.field === name);
      const stored = await this.deps.vault.store(commune, familyId, author, field.documentType ?? '', sent);
      if (!stored.ok)
        return refused('file-refused', { field: name, problem: stored.problem, fileName: stored.fileName });
      answers.push({ ...answer, value: sent.map((file) => file.name).join(', '), documentId: stored.id });
    }
    return inTransaction(this.deps.db, async (tx) => {
      const payload: DemarchePayload = { demarcheId: demarche.id, title: demarche.title, answers };
      const request = await this.deps.requests.submit(
        commune,
        { familyId, type: DEMARCHE, payload, summary: demarche.title, author },
        tx,
      );
      return { ok: true, request } as const;
    });
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
