import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { communeMail, deskSignature } from '../../platform/mail/communeMail.js';
import type { Mailer } from '../../platform/mail/mailer.js';
import type { Site } from '../../platform/site.js';
import { communePaths } from '../../platform/views/paths.js';
import { type LocalDay, addDays, compareDays, formatDay, localDayOf, localInstant } from '../../shared/localDays.js';
import { type Outcome, type Refused, notFound, refused } from '../../shared/outcome.js';
import { greetingOf } from '../accounts/citizenGreeting.js';
import type { AuditActor, AuditLog } from '../audit/auditLog.js';
import type { Commune } from '../communes/domain/commune.js';
import type { FamiliesRepository, FamilyMember } from '../families/familiesRepository.js';
import type { Scanner } from './clamd.js';
import {
  type CheckedIntake,
  type IntakeOutcome,
  type IntakeProblem,
  type ReceivedFile,
  takeIn,
} from './documentIntake.js';
import type { ScanResult } from './documentsSchema.js';
import { type IncomingFile, type TakenFile, takeInStreamed } from './streamedIntake.js';
import type { DocumentType, DocumentsRepository, StoredDocument, StoredFile } from './documentsRepository.js';
import {
  type DocumentState,
  REFUSED_KEEP_DAYS,
  defaultValidUntil,
  purgeDayOf,
  stateOn,
} from './domain/documentState.js';
import type { VaultStore } from './vaultStore.js';

/** Who sends or reads a document: a parent of the family, or an agent of the commune. */
export type DocumentReader = { kind: 'citizen'; id: string } | { kind: 'agent'; id: string; actor: AuditActor };

export type UploadOutcome = Outcome<
  { document: StoredDocument },
  Refused<'not-found'> | Refused<IntakeProblem | 'incomplete', { fileName: string }> | Refused<'duplicate'>
>;

export type DecisionOutcome = Outcome<
  { document: StoredDocument },
  Refused<'not-found'> | Refused<'already-decided'> | Refused<'invalid-dates'>
>;

/** A document with its files' names and sizes (never their bytes). */
export interface DocumentWithFiles {
  document: StoredDocument;
  type: DocumentType;
  files: StoredFile[];
  member: FamilyMember | null;
  /** Its state today, as the family reads it. */
  state: DocumentState;
}

/** One line of the family's « Pièces justificatives »: a type, for the family or for one child. */
export interface DocumentLine {
  type: DocumentType;
  member: FamilyMember | null;
  state: DocumentState;
  /** The latest document sent for it (its files can be read back), if any. */
  latest: { document: StoredDocument; files: StoredFile[] } | null;
  /** Asked by a service the child (or, for a family document, a child) is enrolled in. */
  required: boolean;
}

/** What another module is told when an agent validates a document, inside the same transaction. */
export interface DocumentValidated {
  commune: Commune;
  document: StoredDocument;
  type: DocumentType;
  tx: Db;
}
export type ValidationListener = (event: DocumentValidated) => Promise<void>;

interface Deps {
  db: Db;
  clock: Clock;
  site: Site;
  repository: DocumentsRepository;
  store: VaultStore;
  /** Read at each upload: the boot sets it once the deployment's mode is known. */
  scanner: () => Scanner;
  families: FamiliesRepository;
  /** The services a member is enrolled in (the catalogue's read side). */
  enrolledServiceIds: (communeId: string, memberId: string) => Promise<string[]>;
  mailer: Mailer;
  audit: AuditLog;
  /**
   * Whether a PDF's chunks are stored while it arrives, in a transaction held meanwhile: on a
   * PostgreSQL server (one pooled connection per upload), not on PGlite (one connection for all).
   */
  storeWhileReceiving: boolean;
}

const REASON_MAX = 500;

/** An upload refused after its transaction began: thrown to roll back what was stored, then answered. */
class Undo extends Error {
  constructor(readonly outcome: UploadOutcome) {
    super('upload refused');
  }
}

/**
 * The families' documents (ADR 0015): sent once, checked (type, antivirus, PDF and image rules),
 * encrypted and stored in the database, validated or refused by the guichet unique, reused by the
 * other procedures while valid, and purged when no longer needed.
 */
export class DocumentsService {
  private readonly listeners: ValidationListener[] = [];

  constructor(private readonly deps: Deps) {}

  /** A module reacting to validations (e.g. a medical certificate justifying an absence) registers here. */
  onValidated(listener: ValidationListener): void {
    this.listeners.push(listener);
  }

  private today(): LocalDay {
    return localDayOf(this.deps.clock.now());
  }

  /**
   * Stores a document of a type for the family (or one of its children), from files already in
   * memory (a procedure's form): checked as `receive` checks them, all of them or none stored.
   */
  upload(
    commune: Commune,
    familyId: string,
    author: { citizenId: string | null; actor: AuditActor },
    input: { typeId: string; memberId: string | null; files: ReceivedFile[] },
  ): Promise<UploadOutcome> {
    async function* incoming(): AsyncGenerator<IncomingFile> {
      for (const file of input.files)
        yield { name: file.name, bytes: [file.bytes], truncated: () => Boolean(file.truncated) };
    }
    return this.receive(commune, familyId, author, { ...input, files: incoming() });
  }

  /**
   * Stores a document of a type for the family (or one of its children) from files as they arrive
   * (ADR 0032), all of them or none; the documents sent before for the same type and child are
   * replaced. Each file is scanned and hashed while it comes; on PostgreSQL a PDF's chunks are sealed
   * and stored as they come too, in the upload's transaction, rolled back if any check then fails.
   * On PGlite, whose one connection a transaction holds for every request, the files are received and
   * checked first, then stored in a short transaction.
   */
  async receive(
    commune: Commune,
    familyId: string,
    author: { citizenId: string | null; actor: AuditActor },
    input: { typeId: string; memberId: string | null; files: AsyncIterable<IncomingFile> },
  ): Promise<UploadOutcome> {
    const type = await this.deps.repository.type(commune.id, input.typeId);
    if (!type || !(await this.subjectFits(commune.id, familyId, type, input.memberId))) return notFound;
    const scanner = this.deps.scanner();
    const scan: ScanResult = scanner.configured ? 'clean' : 'not-scanned';
    const upload = { commune, familyId, author, type, memberId: input.memberId, scan };
    if (!this.deps.storeWhileReceiving) {
      const intake = await takeInStreamed(input.files, scanner, null);
      if (!intake.ok) return refused(intake.reason, { fileName: intake.fileName });
      return inTransaction(this.deps.db, (tx) => this.store(upload, intake.files, tx));
    }
    try {
      return await inTransaction(this.deps.db, async (tx) => {
        const stored = await this.store(
          upload,
          async (document, key) => {
            const intake = await takeInStreamed(
              input.files,
              scanner,
              this.deps.store.sink(commune.id, document, key, tx),
            );
            if (!intake.ok) throw new Undo(refused(intake.reason, { fileName: intake.fileName }));
            return intake.files;
          },
          tx,
        );
        if (!stored.ok) throw new Undo(stored);
        return stored;
      });
    } catch (error) {
      if (error instanceof Undo) return error.outcome;
      throw error;
    }
  }

  /**
   * The files of an upload checked as `upload` checks them, nothing stored: a procedure that stores a
   * document with its own change checks the files first, then calls `storeChecked` in its transaction.
   */
  checkFiles(files: ReceivedFile[]): Promise<IntakeOutcome> {
    return takeIn(files, this.deps.scanner());
  }

  /** Stores files `checkFiles` accepted as a document of the type (by its code), in the caller's transaction. */
  async storeChecked(
    commune: Commune,
    familyId: string,
    author: { citizenId: string | null; actor: AuditActor },
    input: { typeCode: string; memberId: string | null; checked: CheckedIntake },
    tx: Db,
  ): Promise<UploadOutcome> {
    const type = await this.deps.repository.typeByCode(commune.id, input.typeCode, tx);
    if (!type || !(await this.subjectFits(commune.id, familyId, type, input.memberId, tx))) return notFound;
    const { files, scan } = input.checked;
    return this.store({ commune, familyId, author, type, memberId: input.memberId, scan }, files, tx);
  }

  /**
   * Records a document and its files, the family locked so that one family's uploads are decided one
   * after the other (the same file sent twice at once is seen as such), then replaces the documents
   * sent before and writes the audit line. Files already checked are written under the lock. Files
   * taken in while they arrive (`files` a function, ADR 0032) are stored first and the family locked
   * only once they are all in: a parent's slow connection must not hold up the guichet's or the
   * family's other writes on that family for as long as the upload lasts.
   */
  private async store(
    upload: {
      commune: Commune;
      familyId: string;
      author: { citizenId: string | null; actor: AuditActor };
      type: DocumentType;
      memberId: string | null;
      scan: ScanResult;
    },
    files: TakenFile[] | ((documentId: string, key: Buffer) => Promise<TakenFile[]>),
    tx: Db,
  ): Promise<UploadOutcome> {
    const { repository, families } = this.deps;
    const { commune, familyId, author, type, memberId } = upload;
    const now = this.deps.clock.now();
    const lockAndRead = async (own: string | null) => {
      if (!(await families.lockFamily(commune.id, familyId, tx))) return null;
      const rows = await repository.current(commune.id, familyId, type.id, memberId, tx);
      return rows.filter((row) => row.id !== own);
    };
    const isDuplicate = async (previous: StoredDocument[], taken: TakenFile[]) => {
      const last = previous[0];
      return Boolean(last && last.status === 'pending' && (await this.sameFiles(commune.id, last.id, taken, tx)));
    };
    let previous = Array.isArray(files) ? await lockAndRead(null) : [];
    if (!previous) return notFound;
    if (Array.isArray(files) && (await isDuplicate(previous, files))) return refused('duplicate');
    const { key, wrapped, masterKeyId } = this.deps.store.newKey();
    const document = await repository.insertDocument(
      {
        communeId: commune.id,
        familyId,
        memberId,
        typeId: type.id,
        status: 'pending',
        scan: upload.scan,
        uploadedAt: now,
        uploadedBy: author.citizenId,
        wrappedKey: wrapped,
        masterKeyId,
      },
      tx,
    );
    const taken = Array.isArray(files) ? files : await files(document.id, key);
    // Files whose bytes were not stored on the way (images, once re-encoded), at their place.
    for (const [position, file] of taken.entries())
      if (file.bytes)
        await this.deps.store.write(commune.id, document.id, key, position, { ...file, bytes: file.bytes }, tx);
    if (!Array.isArray(files)) {
      previous = await lockAndRead(document.id);
      if (!previous) return notFound;
      if (await isDuplicate(previous, taken)) return refused('duplicate');
    }
    await repository.markReplaced(
      commune.id,
      previous.map((row) => row.id),
      now,
      localInstant(addDays(localDayOf(now), REFUSED_KEEP_DAYS), '00:00:00'),
      tx,
    );
    await this.deps.audit.record(
      {
        communeId: commune.id,
        actor: author.actor,
        action: 'document.uploaded',
        subject: { kind: 'document', id: document.id },
        details: { type: type.code, files: taken.length, scan: upload.scan, replaced: previous.length },
      },
      tx,
    );
    return { ok: true as const, document };
  }

  private async sameFiles(communeId: string, documentId: string, files: { sha256: string }[], tx: Db) {
    const stored = await this.deps.repository.files(communeId, [documentId], tx);
    if (stored.length !== files.length) return false;
    return stored.every((file, i) => file.sha256 === files[i]!.sha256);
  }

  /** A family type has no member; a child type names one of the family's children. */
  private async subjectFits(
    communeId: string,
    familyId: string,
    type: DocumentType,
    memberId: string | null,
    tx: Db = this.deps.db,
  ) {
    if (type.subject === 'family') return memberId === null;
    if (!memberId) return false;
    const file = await this.deps.families.file(communeId, familyId, tx);
    return Boolean(file?.members.some((member) => member.id === memberId && member.relation === 'enfant'));
  }

  /**
   * The state of a type for the family or a child today, by the type's code: what other procedures ask
   * (in their transaction when given one).
   */
  async stateOf(
    commune: Commune,
    familyId: string,
    typeCode: string,
    memberId: string | null = null,
    tx: Db = this.deps.db,
  ): Promise<{ state: DocumentState; documentId: string | null } | null> {
    const type = await this.deps.repository.typeByCode(commune.id, typeCode, tx);
    if (!type) return null;
    const [latest] = await this.deps.repository.current(commune.id, familyId, type.id, memberId, tx);
    return { state: stateOn(latest ?? null, this.today()), documentId: latest?.id ?? null };
  }

  /**
   * A validated document of the family, of a type (by code) and child, with its days: what a procedure
   * reusing it reads (in its transaction when given one). Anything else is none.
   */
  async validated(
    commune: Commune,
    familyId: string,
    documentId: string,
    subject: { typeCode: string; memberId: string | null },
    tx: Db = this.deps.db,
  ): Promise<{ id: string; validFrom: LocalDay; validUntil: LocalDay | null } | null> {
    const document = await this.deps.repository.document(commune.id, documentId, tx);
    if (!document || document.familyId !== familyId || document.memberId !== subject.memberId) return null;
    if (document.status !== 'validated' || !document.validFrom || document.purgedAt) return null;
    const type = await this.deps.repository.type(commune.id, document.typeId, tx);
    if (type?.code !== subject.typeCode) return null;
    return { id: document.id, validFrom: document.validFrom, validUntil: document.validUntil };
  }

  /** « Pièces justificatives »: every type the family may give, with its state, for the family and each child. */
  async overview(commune: Commune, familyId: string): Promise<DocumentLine[] | null> {
    const file = await this.deps.families.file(commune.id, familyId);
    if (!file) return null;
    const children = file.members.filter((member) => member.relation === 'enfant');
    const [types, documents, enrolled] = await Promise.all([
      this.deps.repository.types(commune.id),
      this.deps.repository.ofFamily(commune.id, familyId),
      Promise.all(children.map((child) => this.deps.enrolledServiceIds(commune.id, child.id))),
    ]);
    const enrolledOf = new Map(children.map((child, i) => [child.id, new Set(enrolled[i])]));
    const anyEnrolled = new Set(enrolled.flat());
    const files = await this.deps.repository.files(
      commune.id,
      documents.map((document) => document.id),
    );
    const today = this.today();
    const lineOf = (type: DocumentType, member: FamilyMember | null): DocumentLine => {
      const latest = documents.find(
        (document) =>
          document.typeId === type.id && document.memberId === (member?.id ?? null) && document.status !== 'replaced',
      );
      const services = member ? (enrolledOf.get(member.id) ?? new Set()) : anyEnrolled;
      return {
        type,
        member,
        state: stateOn(latest ?? null, today),
        latest: latest ? { document: latest, files: files.filter((f) => f.documentId === latest.id) } : null,
        required: type.serviceIds.some((id) => services.has(id)),
      };
    };
    return types.flatMap((type) =>
      type.subject === 'family' ? [lineOf(type, null)] : children.map((child) => lineOf(type, child)),
    );
  }

  /** A document of the family with its files, for the family's own accounts; anything else is not found. */
  async forFamily(commune: Commune, familyId: string, documentId: string): Promise<DocumentWithFiles | null> {
    const document = await this.deps.repository.document(commune.id, documentId);
    if (!document || document.familyId !== familyId || document.purgedAt) return null;
    return this.withFiles(commune, document);
  }

  private async withFiles(commune: Commune, document: StoredDocument): Promise<DocumentWithFiles | null> {
    const [type, files, file] = await Promise.all([
      this.deps.repository.type(commune.id, document.typeId),
      this.deps.repository.files(commune.id, [document.id]),
      this.deps.families.file(commune.id, document.familyId),
    ]);
    if (!type) return null;
    const member = file?.members.find((m) => m.id === document.memberId) ?? null;
    return { document, type, files, member, state: stateOn(document, this.today()) };
  }

  /**
   * A file's bytes, checked chunk by chunk, for the family's accounts or the commune's agents; an
   * agent's every reading is written in the audit log.
   */
  async openFile(
    commune: Commune,
    reader: DocumentReader,
    scope: { familyId: string | null },
    documentId: string,
    fileId: string,
  ): Promise<{ file: StoredFile; bytes: AsyncGenerator<Buffer> } | null> {
    const document = await this.deps.repository.document(commune.id, documentId);
    if (!document || document.purgedAt) return null;
    if (reader.kind === 'citizen' && document.familyId !== scope.familyId) return null;
    const file = (await this.deps.repository.files(commune.id, [document.id])).find((f) => f.id === fileId);
    if (!file) return null;
    if (reader.kind === 'agent')
      await this.deps.audit.record({
        communeId: commune.id,
        actor: reader.actor,
        action: 'document.viewed',
        subject: { kind: 'document', id: document.id },
        details: { file: file.id, family: document.familyId },
      });
    return { file, bytes: this.deps.store.read(commune.id, document, file) };
  }

  /** The code of a document's type (the desk's validation asks more of some types); none when not the commune's. */
  async typeCodeOf(commune: Commune, documentId: string): Promise<string | null> {
    const document = await this.deps.repository.document(commune.id, documentId);
    const type = document ? await this.deps.repository.type(commune.id, document.typeId) : null;
    return type?.code ?? null;
  }

  /** The guichet's queue: documents waiting for a decision, oldest first, with what the agent needs to sort them. */
  async queue(commune: Commune): Promise<DocumentWithFiles[]> {
    const pending = await this.deps.repository.pending(commune.id);
    const shown = await Promise.all(pending.map((document) => this.withFiles(commune, document)));
    return shown.filter((line): line is DocumentWithFiles => line !== null);
  }

  /** One document for an agent (its page is audited as a view). */
  async forAgent(commune: Commune, actor: AuditActor, documentId: string) {
    const document = await this.deps.repository.document(commune.id, documentId);
    if (!document) return null;
    const shown = await this.withFiles(commune, document);
    if (!shown) return null;
    await this.deps.audit.record({
      communeId: commune.id,
      actor,
      action: 'document.opened',
      subject: { kind: 'document', id: document.id },
      details: { family: document.familyId, type: shown.type.code },
    });
    const validFrom = this.today();
    return { ...shown, suggested: { validFrom, validUntil: defaultValidUntil(shown.type, validFrom) } };
  }

  /** Validates a pending document for the days given (none: for good); the listeners run in the same transaction. */
  async validate(
    commune: Commune,
    agent: { id: string; actor: AuditActor },
    documentId: string,
    dates: { validFrom: LocalDay; validUntil: LocalDay | null },
  ): Promise<DecisionOutcome> {
    if (dates.validUntil !== null && compareDays(dates.validUntil, dates.validFrom) < 0)
      return refused('invalid-dates');
    const now = this.deps.clock.now();
    return inTransaction(this.deps.db, async (tx) => {
      const document = await this.deps.repository.lockDocument(commune.id, documentId, tx);
      if (!document) return notFound;
      if (document.status !== 'pending') return refused('already-decided');
      const type = await this.deps.repository.type(commune.id, document.typeId, tx);
      if (!type) return notFound;
      const purgeDay = purgeDayOf(
        { status: 'validated', validUntil: dates.validUntil, decidedOn: null, replacedOn: null },
        type.keepExpiredDays,
      );
      await this.deps.repository.setDecision(
        commune.id,
        document.id,
        {
          status: 'validated',
          decidedAt: now,
          decidedBy: agent.id,
          validFrom: dates.validFrom,
          validUntil: dates.validUntil,
          refusalReason: '',
          purgeAfter: purgeDay ? localInstant(purgeDay, '00:00:00') : null,
        },
        tx,
      );
      const decided = { ...document, status: 'validated' as const, ...dates };
      await this.deps.audit.record(
        {
          communeId: commune.id,
          actor: agent.actor,
          action: 'document.validated',
          subject: { kind: 'document', id: document.id },
          details: { type: type.code, validUntil: dates.validUntil },
        },
        tx,
      );
      for (const listener of this.listeners) await listener({ commune, document: decided, type, tx });
      return { ok: true as const, document: decided };
    });
  }

  /** Refuses a pending document with a reason the family reads, by mail and on its page. */
  async refuse(
    commune: Commune,
    agent: { id: string; actor: AuditActor },
    documentId: string,
    reason: string,
  ): Promise<DecisionOutcome> {
    const now = this.deps.clock.now();
    const text = reason.trim().slice(0, REASON_MAX);
    return inTransaction(this.deps.db, async (tx) => {
      const document = await this.deps.repository.lockDocument(commune.id, documentId, tx);
      if (!document) return notFound;
      if (document.status !== 'pending') return refused('already-decided');
      const type = await this.deps.repository.type(commune.id, document.typeId, tx);
      if (!type) return notFound;
      const purgeDay = purgeDayOf(
        { status: 'refused', validUntil: null, decidedOn: localDayOf(now), replacedOn: null },
        type.keepExpiredDays,
      );
      await this.deps.repository.setDecision(
        commune.id,
        document.id,
        {
          status: 'refused',
          decidedAt: now,
          decidedBy: agent.id,
          validFrom: null,
          validUntil: null,
          refusalReason: text,
          purgeAfter: purgeDay ? localInstant(purgeDay, '00:00:00') : null,
        },
        tx,
      );
      await this.deps.audit.record(
        {
          communeId: commune.id,
          actor: agent.actor,
          action: 'document.refused',
          subject: { kind: 'document', id: document.id },
          details: { type: type.code },
        },
        tx,
      );
      const link = `${this.deps.site.origin}${communePaths(commune).documents}`;
      for (const holder of await this.deps.families.accountHolders(commune.id, document.familyId, tx))
        await this.deps.mailer.queue(
          communeMail(commune, holder.email, `Pièce justificative refusée : ${type.name}`, {
            greeting: `Bonjour ${greetingOf(holder)},`,
            paragraphs: [
              `Le guichet unique n’a pas pu valider votre pièce « ${type.name} » envoyée le ${formatDay(localDayOf(document.uploadedAt))}.`,
              `Motif : ${text}`,
              'Vous pouvez envoyer une nouvelle pièce depuis votre tableau de bord.',
            ],
            action: { label: 'Envoyer une nouvelle pièce', url: link },
            signature: deskSignature(commune),
          }),
          { tx },
        );
      return { ok: true as const, document: { ...document, status: 'refused' as const, refusalReason: text } };
    });
  }

  /** Retention: the files of documents past their keeping day go; their outcome stays. */
  async purgeDue(limit = 200): Promise<number> {
    const now = this.deps.clock.now();
    const due = await this.deps.repository.duePurge(now, limit);
    for (const { id, communeId } of due)
      await inTransaction(this.deps.db, async (tx) => {
        await this.deps.repository.purgeFiles(communeId, id, now, tx);
        await this.deps.audit.record(
          {
            communeId,
            actor: { kind: 'system', label: 'retention' },
            action: 'document.purged',
            subject: { kind: 'document', id },
          },
          tx,
        );
      });
    return due.length;
  }
}
