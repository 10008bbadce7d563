/**
 * The one database schema (PostgreSQL dialect; PGlite embeds the same engine).
 * Migrations are generated from this file by drizzle-kit into ./drizzle and committed.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

/** `<column> in ('a', 'b', …)` for a CHECK constraint on a state column (issue 11: states the code
 * writes, and nothing else, whoever writes the row). */
const oneOf = (column: string, values: readonly string[]) =>
  sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(', ')})`);

export const regions = pgTable('regions', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  level: text('level', { enum: ['province', 'city', 'county'] }).notNull(),
  parentId: integer('parent_id'),
  sortOrder: integer('sort_order').notNull().default(0),
});

export const organisations = pgTable(
  'organisations',
  {
    id: serial('id').primaryKey(),
    kind: text('kind', {
      enum: ['hr_bureau', 'supervisor', 'employer', 'personnel_agency', 'self_recognition_unit'],
    }).notNull(),
    name: text('name').notNull(),
    parentId: integer('parent_id'),
    /** Materialised path of ids, e.g. "/1/2/15/": the data scope of an organisation is a prefix match. */
    path: text('path').notNull(),
    regionId: integer('region_id')
      .notNull()
      .references(() => regions.id),
    creditCode: text('credit_code'),
    ownership: text('ownership', { enum: ['state', 'nonState'] }),
    employerKind: text('employer_kind', {
      enum: ['enterprise', 'publicInstitution', 'vocationalSchool', 'vocationalResearch', 'school', 'other'],
    }),
    /** Stable key for organisations that come from reference data (e.g. the annex's agencies). */
    referenceKey: text('reference_key').unique(),
    /**
     * For an HR bureau: whether it reviews as the supervising department (主管部门) of the employers
     * directly under it (SPEC §2: an employer without one has its HR bureau act as one). When false,
     * or when the bureau is itself the recognising agency, those two review stages are skipped.
     */
    actsAsSupervisor: boolean('acts_as_supervisor').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [
    index('organisations_path_idx').on(t.path),
    index('organisations_parent_idx').on(t.parentId),
    uniqueIndex('organisations_credit_code_idx').on(t.creditCode),
    uniqueIndex('organisations_parent_name_idx').on(t.parentId, t.name),
  ],
);

export const agencies = pgTable('agencies', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  organisationId: integer('organisation_id')
    .notNull()
    .unique()
    .references(() => organisations.id),
  phone: text('phone').notNull(),
  scopeDescription: text('scope_description').notNull(),
  /** 'annex': the notice's 21 agencies; 'self_recognition': an authorised unit recognising its own staff. */
  kind: text('kind', { enum: ['annex', 'self_recognition'] })
    .notNull()
    .default('annex'),
  sortOrder: integer('sort_order').notNull().default(0),
  /**
   * 四、（七）: the day (MM-DD) by which the agency finishes the year's recognition and reports to the
   * city office; a batch's window ends no later than this day of its year unless the office says so.
   */
  yearEndDeadline: text('year_end_deadline').notNull().default('12-31'),
  /**
   * 发文字号 prefix of its 批复 (e.g. 章人社字 → 章人社字〔2027〕3号) and the issuing body's name for the
   * 版头; configurable by the agency. Null until set: the system then proposes one from its name.
   */
  documentPrefix: text('document_prefix'),
  issuerName: text('issuer_name'),
});

/**
 * One year's schedule (受理时间安排) of the annex agencies, kept by the title office: created as a
 * draft (usually copied from a previous year), reviewed, then published. The public and applicants
 * see a year's batches only once its schedule is published (SPEC §3 "Years roll over").
 */
export const schedules = pgTable(
  'schedules',
  {
    year: integer('year').primaryKey(),
    status: text('status', { enum: ['draft', 'published'] }).notNull(),
    /** The year it was copied from (dates moved by whole years), or null when entered by hand. */
    sourceYear: integer('source_year'),
    createdAt: createdAt(),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }),
  },
  () => [check('schedules_status_valid', oneOf('status', ['draft', 'published']))],
);

/** 认定范围: levels × region. An application goes to the agency whose rule matches its level and the
 * most specific region containing the employer's region. */
export const agencyScopeRules = pgTable(
  'agency_scope_rules',
  {
    id: serial('id').primaryKey(),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    regionId: integer('region_id')
      .notNull()
      .references(() => regions.id),
    levels: text('levels').array().notNull(),
  },
  (t) => [uniqueIndex('agency_scope_rules_unique').on(t.agencyId, t.regionId)],
);

export const batches = pgTable(
  'batches',
  {
    id: serial('id').primaryKey(),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    year: integer('year').notNull(),
    number: integer('number').notNull(),
    name: text('name').notNull(),
    opensOn: date('opens_on', { mode: 'string' }).notNull(),
    closesOn: date('closes_on', { mode: 'string' }).notNull(),
    cutoffDate: date('cutoff_date', { mode: 'string' }).notNull(),
    /**
     * 一、: a self-recognition unit sets its own windows and files (报备) each in writing with the
     * title office of the same level before it opens; the annex's batches need no filing.
     */
    filingStatus: text('filing_status', { enum: ['not_required', 'pending', 'accepted', 'refused'] })
      .notNull()
      .default('not_required'),
    filingDocument: text('filing_document'),
    filingNote: text('filing_note'),
    filedAt: timestamp('filed_at', { withTimezone: true, mode: 'date' }),
    filingDecidedAt: timestamp('filing_decided_at', { withTimezone: true, mode: 'date' }),
    /**
     * 'draft' while its year's schedule is unpublished (invisible outside the title offices);
     * 'cancelled' when the office withdrew it before it opened (kept, never reused for applications).
     * Self-recognition units' batches are 'published' and governed by their filing instead.
     */
    state: text('state', { enum: ['draft', 'published', 'cancelled'] })
      .notNull()
      .default('published'),
    /** The office allowed this window to end after the agency's year-end deadline (with a reason). */
    beyondYearEnd: boolean('beyond_year_end').notNull().default(false),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true, mode: 'date' }),
    cancelReason: text('cancel_reason'),
  },
  (t) => [
    uniqueIndex('batches_agency_year_number').on(t.agencyId, t.year, t.number),
    index('batches_year_idx').on(t.year),
    check('batches_state_valid', oneOf('state', ['draft', 'published', 'cancelled'])),
    check(
      'batches_filing_status_valid',
      oneOf('filing_status', ['not_required', 'pending', 'accepted', 'refused']),
    ),
    check('batches_cancelled_has_time', sql`state <> 'cancelled' or cancelled_at is not null`),
  ],
);

export const series = pgTable('series', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  minEducation: text('min_education').notNull(),
  examBased: boolean('exam_based').notNull().default(false),
  practiceLicence: text('practice_licence'),
  levelNames: jsonb('level_names')
    .$type<{ junior: string | null; assistant: string | null; intermediate: string | null }>()
    .notNull(),
  note: text('note'),
  sortOrder: integer('sort_order').notNull().default(0),
});

export const specialties = pgTable(
  'specialties',
  {
    id: serial('id').primaryKey(),
    seriesId: integer('series_id')
      .notNull()
      .references(() => series.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [uniqueIndex('specialties_series_code').on(t.seriesId, t.code)],
);

/**
 * ID and mobile numbers are stored encrypted (SM4-CTR + HMAC-SM3, `crypto/personal-data-cipher.ts`) with
 * a keyed SM3 blind index for lookups (issue 13 item 5). The clear columns of before migration 0017 are
 * converted at start-up (`prepareDatabase`) and kept null by a check constraint, to be dropped later.
 */
export const persons = pgTable(
  'persons',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    /** Before migration 0017 only: always null once converted. */
    legacyIdNumber: text('id_number').unique(),
    /** Before migration 0017 only: always null once converted. */
    legacyMobile: text('mobile'),
    /** GB 11643, upper-case X, encrypted. Null only for the bootstrap administrator (no real name yet). */
    idNumberCipher: text('id_number_cipher'),
    idNumberIndex: text('id_number_index').unique(),
    mobileCipher: text('mobile_cipher'),
    createdAt: createdAt(),
  },
  (t) => [
    check(
      'persons_personal_data_encrypted',
      sql`${t.legacyIdNumber} is null and ${t.legacyMobile} is null
        and (${t.idNumberCipher} is null) = (${t.idNumberIndex} is null)`,
    ),
  ],
);

export const accounts = pgTable('accounts', {
  id: serial('id').primaryKey(),
  /**
   * Null: the account signs in with its person's ID number (the default for a new account), which is
   * not stored in clear here (issue 13 item 5).
   */
  username: text('username').unique(),
  personId: integer('person_id')
    .notNull()
    .references(() => persons.id),
  passwordHash: text('password_hash').notNull(),
  mustChangePassword: boolean('must_change_password').notNull().default(true),
  failedAttempts: integer('failed_attempts').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
  disabled: boolean('disabled').notNull().default(false),
  lastLoginAt: timestamp('last_login_at', { withTimezone: true, mode: 'date' }),
  createdAt: createdAt(),
});

/** A role held by an account, at an organisation. Ended assignments are kept (seat history). */
export const roleAssignments = pgTable(
  'role_assignments',
  {
    id: serial('id').primaryKey(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    role: text('role', {
      enum: ['system_admin', 'province_office', 'city_office', 'handler', 'leader', 'applicant'],
    }).notNull(),
    organisationId: integer('organisation_id').references(() => organisations.id),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    endedAt: timestamp('ended_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    index('role_assignments_account_idx').on(t.accountId),
    index('role_assignments_org_idx').on(t.organisationId),
    // One current holder per seat (经办人审查 / 领导审查) of an organisation.
    uniqueIndex('role_assignments_one_seat')
      .on(t.organisationId, t.role)
      .where(sql`ended_at is null and role in ('handler', 'leader')`),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the cookie token: a database leak does not leak usable sessions. */
    tokenHash: text('token_hash').primaryKey(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    clientAddress: text('client_address'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_account_idx').on(t.accountId)],
);

export const socialInsuranceRecords = pgTable(
  'social_insurance_records',
  {
    id: serial('id').primaryKey(),
    /** Before migration 0017 only: always null once converted. */
    legacyIdNumber: text('id_number').unique(),
    idNumberCipher: text('id_number_cipher'),
    idNumberIndex: text('id_number_index').unique(),
    name: text('name').notNull(),
    insuredUnitName: text('insured_unit_name').notNull(),
    months: integer('months').notNull(),
    importId: integer('import_id')
      .notNull()
      .references(() => socialInsuranceImports.id),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('social_insurance_records_name_idx').on(t.name),
    check(
      'social_insurance_records_id_number_encrypted',
      sql`${t.legacyIdNumber} is null and ${t.idNumberCipher} is not null and ${t.idNumberIndex} is not null`,
    ),
  ],
);

export const socialInsuranceImports = pgTable('social_insurance_imports', {
  id: serial('id').primaryKey(),
  organisationId: integer('organisation_id')
    .notNull()
    .references(() => organisations.id),
  accountId: integer('account_id')
    .notNull()
    .references(() => accounts.id),
  fileName: text('file_name').notNull(),
  fileSha256: text('file_sha256').notNull(),
  rows: integer('rows').notNull(),
  inserted: integer('inserted').notNull(),
  updated: integer('updated').notNull(),
  createdAt: createdAt(),
});

/** Applicant ↔ employer and the social-insurance record linked at account creation (四、（三））. */
export const applicantProfiles = pgTable('applicant_profiles', {
  accountId: integer('account_id')
    .primaryKey()
    .references(() => accounts.id),
  employerId: integer('employer_id')
    .notNull()
    .references(() => organisations.id),
  socialInsuranceRecordId: integer('social_insurance_record_id').references(() => socialInsuranceRecords.id),
  createdByAccountId: integer('created_by_account_id').references(() => accounts.id),
  createdAt: createdAt(),
});

export const policyDocuments = pgTable('policy_documents', {
  id: serial('id').primaryKey(),
  title: text('title').notNull(),
  documentNumber: text('document_number'),
  issuer: text('issuer'),
  publishedOn: date('published_on', { mode: 'string' }).notNull(),
  body: text('body').notNull(),
  referenceKey: text('reference_key').unique(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/** Which reference-data files have been loaded (by content hash), so a restart never re-seeds. */
export const referenceDataLoads = pgTable('reference_data_loads', {
  name: text('name').primaryKey(),
  sha256: text('sha256').notNull(),
  loadedAt: timestamp('loaded_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/**
 * Append-only audit log (人社部发〔2024〕56号: full traceability). A write appends its row in its own
 * transaction — one insert, no lock, no shared row — with a MAC of the content under the audit key
 * and its number in `audit_pending`; the sealer then chains the rows in order (`audit_chain`) shortly
 * after commit and signs checkpoints. `npm run audit:verify` recomputes all of it. See README 审计日志.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    actorAccountId: integer('actor_account_id'),
    actorName: text('actor_name'),
    actorRole: text('actor_role'),
    actorOrganisationId: integer('actor_organisation_id'),
    actorOrganisationName: text('actor_organisation_name'),
    clientAddress: text('client_address'),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    /** HMAC-SHA256 of the content under the audit key; null only for rows written before migration 0015. */
    mac: text('mac'),
  },
  (t) => [
    index('audit_log_target_idx').on(t.targetType, t.targetId),
    index('audit_log_action_idx').on(t.action),
  ],
);

/** Rows appended and not yet chained: the sealer's queue (deleted as they are sealed, in one transaction). */
export const auditPending = pgTable('audit_pending', {
  seq: bigint('seq', { mode: 'number' }).primaryKey(),
});

/** The hash chain, in the order the sealer took the rows: hash = H(prev_hash, content of row seq). */
export const auditChain = pgTable('audit_chain', {
  position: bigint('position', { mode: 'number' }).primaryKey(),
  // No foreign key: a deleted log row must be found by verification, not hidden behind an error.
  seq: bigint('seq', { mode: 'number' }).notNull().unique(),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
  sealedAt: timestamp('sealed_at', { withTimezone: true, mode: 'date' }).notNull(),
  /** The link's hash function (AUDIT_HASH when sealed): links of before migration 0017 are SHA-256. */
  hashAlgorithm: text('hash_algorithm', { enum: ['sha256', 'sm3'] })
    .notNull()
    .default('sha256'),
});

/**
 * One number that changes whenever reference data does (regions, organisations, agencies and their
 * scopes, schedules and batches, series and specialties, policy versions, the calendar): bumped by
 * statement triggers in the writer's own transaction (migration 0016). Every instance reads it (one
 * primary-key read) to know whether its cached public answers still hold — invalidation across
 * instances without messages (issue 12 item 2).
 */
export const referenceVersion = pgTable('reference_version', {
  id: integer('id').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull(),
});

/** The newest link of the chain, kept beside it so that deleting the last links is detected too. */
export const auditHead = pgTable('audit_head', {
  id: integer('id').primaryKey(),
  lastPosition: bigint('last_position', { mode: 'number' }).notNull(),
  lastHash: text('last_hash').notNull(),
  /** Rows up to this seq were written before MACs existed (migration 0015): the chain alone covers them. */
  legacyLastSeq: bigint('legacy_last_seq', { mode: 'number' }).notNull().default(0),
});

/** Signed checkpoints of the chain: SM2 signatures (GB/T 32918) of position and hash by the audit key. */
export const auditCheckpoints = pgTable('audit_checkpoints', {
  position: bigint('position', { mode: 'number' }).primaryKey(),
  hash: text('hash').notNull(),
  signedAt: timestamp('signed_at', { withTimezone: true, mode: 'date' }).notNull(),
  publicKey: text('public_key').notNull(),
  signature: text('signature').notNull(),
});

/**
 * Policy versions (三、（八））: every parameter of the eligibility engine as data. A published version
 * is never edited: a title office clones it into a draft, changes it, validates and publishes it with an
 * effective date. The newest published version whose effective date has come is the one in force.
 */
export const policyVersions = pgTable(
  'policy_versions',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    status: text('status', { enum: ['draft', 'published'] }).notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    parameters: jsonb('parameters').notNull(),
    basedOnId: integer('based_on_id'),
    note: text('note'),
    isDefault: boolean('is_default').notNull().default(false),
    createdByAccountId: integer('created_by_account_id').references(() => accounts.id),
    createdAt: createdAt(),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    index('policy_versions_effective_idx').on(t.status, t.effectiveFrom),
    check('policy_versions_status_valid', oneOf('status', ['draft', 'published'])),
  ],
);

/** 黑名单 (四、（四））: a person barred from applying while the entry is in force. */
export const blacklistEntries = pgTable(
  'blacklist_entries',
  {
    id: serial('id').primaryKey(),
    /** Before migration 0017 only: always null once converted. */
    legacyIdNumber: text('id_number'),
    idNumberCipher: text('id_number_cipher'),
    idNumberIndex: text('id_number_index'),
    name: text('name').notNull(),
    reason: text('reason').notNull(),
    decisionDocument: text('decision_document'),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    /** Null: without end. */
    endsOn: date('ends_on', { mode: 'string' }),
    organisationId: integer('organisation_id').references(() => organisations.id),
    createdByAccountId: integer('created_by_account_id').references(() => accounts.id),
    createdAt: createdAt(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    index('blacklist_entries_id_number_index_idx').on(t.idNumberIndex),
    check(
      'blacklist_entries_id_number_encrypted',
      sql`${t.legacyIdNumber} is null and ${t.idNumberCipher} is not null and ${t.idNumberIndex} is not null`,
    ),
  ],
);

/**
 * A stored verdict of the eligibility engine: the facts, the result with its explanations, and the
 * policy version it used. Never recomputed: a later policy leaves it as it was (三、（八））.
 */
export const eligibilityDecisions = pgTable(
  'eligibility_decisions',
  {
    id: serial('id').primaryKey(),
    policyVersionId: integer('policy_version_id')
      .notNull()
      .references(() => policyVersions.id),
    policyCode: text('policy_code').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id'),
    facts: jsonb('facts').notNull(),
    result: jsonb('result').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('eligibility_decisions_subject_idx').on(t.subjectType, t.subjectId)],
);

/**
 * An uploaded file (scan or photo of an original, 四、（三））. The bytes live in file storage under
 * their SHA-256; this row is written only after they are durably stored, so a row never points at a
 * missing file. Applications refer to uploads; uploads are never deleted.
 */
export const uploads = pgTable(
  'uploads',
  {
    id: serial('id').primaryKey(),
    sha256: text('sha256').notNull(),
    size: integer('size').notNull(),
    /** Sniffed from the content, never the uploader's claim. */
    mimeType: text('mime_type').notNull(),
    fileName: text('file_name').notNull(),
    uploadedByAccountId: integer('uploaded_by_account_id')
      .notNull()
      .references(() => accounts.id),
    createdAt: createdAt(),
  },
  (t) => [index('uploads_sha256_idx').on(t.sha256), index('uploads_account_idx').on(t.uploadedByAccountId)],
);

/**
 * An application (申报) for one batch of the agency the system routes the person to. While a draft or
 * returned for correction, `form` is the applicant's working copy; each submission freezes a numbered
 * snapshot in application_versions.
 */
export const applications = pgTable(
  'applications',
  {
    id: serial('id').primaryKey(),
    /** 申报编号, assigned at the first submission. */
    number: text('number').unique(),
    applicantAccountId: integer('applicant_account_id')
      .notNull()
      .references(() => accounts.id),
    personId: integer('person_id')
      .notNull()
      .references(() => persons.id),
    employerId: integer('employer_id')
      .notNull()
      .references(() => organisations.id),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    batchId: integer('batch_id')
      .notNull()
      .references(() => batches.id),
    targetLevel: text('target_level', { enum: ['junior', 'assistant', 'intermediate'] }).notNull(),
    status: text('status', {
      enum: ['draft', 'submitted', 'returned', 'withdrawn', 'recognised', 'rejected', 'cancelled'],
    }).notNull(),
    /** The review stage holding it (src/domain/review/review-chain.ts); set exactly while submitted. */
    stage: text('stage', {
      enum: [
        'unit_handler',
        'unit_leader',
        'supervisor_handler',
        'supervisor_leader',
        'agency_handler',
        'agency_leader',
      ],
    }),
    /** The organisation whose seat holds it now (the queue key); null when not in review. */
    holderOrganisationId: integer('holder_organisation_id').references(() => organisations.id),
    holderRole: text('holder_role', { enum: ['handler', 'leader'] }),
    stageSince: timestamp('stage_since', { withTimezone: true, mode: 'date' }),
    /** The supervising department frozen at submission; null: the supervisor stages are skipped. */
    supervisorOrganisationId: integer('supervisor_organisation_id').references(() => organisations.id),
    /**
     * Bumped by every change of state (submit, review, withdraw, cancel): a reviewer acts on the
     * revision they saw, and an update that finds another revision loses ("已被他人处理").
     */
    revision: integer('revision').notNull().default(0),
    form: jsonb('form').notNull(),
    /** How many times it was submitted (the number of frozen versions). */
    version: integer('version').notNull().default(0),
    createdByAccountId: integer('created_by_account_id')
      .notNull()
      .references(() => accounts.id),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    index('applications_person_idx').on(t.personId),
    index('applications_employer_idx').on(t.employerId),
    index('applications_agency_batch_idx').on(t.agencyId, t.batchId),
    // The review queue of a seat, in waiting order, paged by keyset (stage_since, id).
    index('applications_queue_idx')
      .on(t.holderOrganisationId, t.holderRole, t.stageSince, t.id)
      .where(sql`status = 'submitted'`),
    // A seat's waiting counts per batch (index-only), for the workbench badges and overdue warnings.
    index('applications_seat_batch_idx')
      .on(t.holderOrganisationId, t.holderRole, t.batchId)
      .where(sql`status = 'submitted'`),
    // One live application per person, batch and level (a withdrawn one does not count).
    uniqueIndex('applications_one_per_batch_level')
      .on(t.personId, t.batchId, t.targetLevel)
      .where(sql`status <> 'withdrawn'`),
    check(
      'applications_status_valid',
      oneOf('status', ['draft', 'submitted', 'returned', 'withdrawn', 'recognised', 'rejected', 'cancelled']),
    ),
    check(
      'applications_stage_valid',
      sql`stage is null or ${oneOf('stage', [
        'unit_handler',
        'unit_leader',
        'supervisor_handler',
        'supervisor_leader',
        'agency_handler',
        'agency_leader',
      ])}`,
    ),
    check('applications_target_level_valid', oneOf('target_level', ['junior', 'assistant', 'intermediate'])),
    // In review exactly while submitted, and then held by the seat of its stage (…_leader by a leader).
    check(
      'applications_review_holder',
      sql`(status = 'submitted') = (stage is not null)
        and (stage is null) = (holder_organisation_id is null)
        and (stage is null) = (holder_role is null)
        and (stage is null) = (stage_since is null)
        and (stage is null or holder_role = case when stage like '%leader' then 'leader' else 'handler' end)`,
    ),
    // A draft has never been submitted; anything else has at least one frozen version.
    check('applications_version_of_status', sql`revision >= 0 and (status = 'draft') = (version = 0)`),
  ],
);

/** A frozen, read-only submission: the form, materials, insurance record, policy and pre-check result. */
export const applicationVersions = pgTable(
  'application_versions',
  {
    id: serial('id').primaryKey(),
    applicationId: integer('application_id')
      .notNull()
      .references(() => applications.id),
    version: integer('version').notNull(),
    snapshot: jsonb('snapshot').notNull(),
    decisionId: integer('decision_id')
      .notNull()
      .references(() => eligibilityDecisions.id),
    policyCode: text('policy_code').notNull(),
    submittedByAccountId: integer('submitted_by_account_id')
      .notNull()
      .references(() => accounts.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [uniqueIndex('application_versions_unique').on(t.applicationId, t.version)],
);

/** One reviewer's decision at one stage of one round (a round = one submitted version). */
export const reviewActions = pgTable(
  'review_actions',
  {
    id: serial('id').primaryKey(),
    applicationId: integer('application_id')
      .notNull()
      .references(() => applications.id),
    version: integer('version').notNull(),
    stage: text('stage').notNull(),
    decision: text('decision', { enum: ['approve', 'return', 'reject', 'cancel'] }).notNull(),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    /** The seat holder at the moment of acting (a later seat change does not rewrite history). */
    personId: integer('person_id')
      .notNull()
      .references(() => persons.id),
    personName: text('person_name').notNull(),
    role: text('role').notNull(),
    comment: text('comment').notNull().default(''),
    /** Per field or material: [{ field: 'education.0' | 'materials.2' | …, message }]. */
    reasons: jsonb('reasons').$type<{ field: string; message: string }[]>().notNull().default([]),
    /** 四、（五）: the unit / supervising department vouched for work experience and achievements. */
    workExperienceConfirmed: boolean('work_experience_confirmed'),
    revisionAfter: integer('revision_after').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('review_actions_application_idx').on(t.applicationId, t.version),
    check('review_actions_decision_valid', oneOf('decision', ['approve', 'return', 'reject', 'cancel'])),
  ],
);

/** 核验: the unit handler checked a material against the original (the endorsement "与原件相符"). */
export const materialChecks = pgTable(
  'material_checks',
  {
    id: serial('id').primaryKey(),
    applicationId: integer('application_id')
      .notNull()
      .references(() => applications.id),
    version: integer('version').notNull(),
    materialIndex: integer('material_index').notNull(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    personName: text('person_name').notNull(),
    organisationName: text('organisation_name').notNull(),
    checkedAt: timestamp('checked_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [uniqueIndex('material_checks_unique').on(t.applicationId, t.version, t.materialIndex)],
);

/** In-system notifications (returned, decided, arrived at a seat, reminders); SMS can follow later. */
export const notifications = pgTable(
  'notifications',
  {
    id: serial('id').primaryKey(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    applicationId: integer('application_id').references(() => applications.id),
    /** Set for notifications sent by scheduled jobs: several instances never send one twice. */
    dedupeKey: text('dedupe_key').unique(),
    createdAt: createdAt(),
    readAt: timestamp('read_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('notifications_account_idx').on(t.accountId, t.id)],
);

/** The maintained holiday calendar: public holidays and make-up working days (调休). */
export const calendarDays = pgTable('calendar_days', {
  day: date('day', { mode: 'string' }).primaryKey(),
  kind: text('kind', { enum: ['holiday', 'workday'] }).notNull(),
  name: text('name').notNull(),
});

/** A unit's internal publicity (公示) of its candidates: at least 5 working days (《职称评审管理暂行规定》，人社部令第40号; the number is the policy parameter publicityWorkingDays). */
export const publicities = pgTable('publicities', {
  id: serial('id').primaryKey(),
  organisationId: integer('organisation_id')
    .notNull()
    .references(() => organisations.id),
  title: text('title').notNull(),
  startsOn: date('starts_on', { mode: 'string' }).notNull(),
  endsOn: date('ends_on', { mode: 'string' }).notNull(),
  workingDays: integer('working_days').notNull(),
  createdByAccountId: integer('created_by_account_id')
    .notNull()
    .references(() => accounts.id),
  createdAt: createdAt(),
});

export const publicityEntries = pgTable(
  'publicity_entries',
  {
    publicityId: integer('publicity_id')
      .notNull()
      .references(() => publicities.id),
    applicationId: integer('application_id')
      .notNull()
      .references(() => applications.id),
    version: integer('version').notNull(),
  },
  (t) => [uniqueIndex('publicity_entries_unique').on(t.publicityId, t.applicationId)],
);

export const publicityObjections = pgTable('publicity_objections', {
  id: serial('id').primaryKey(),
  publicityId: integer('publicity_id')
    .notNull()
    .references(() => publicities.id),
  applicationId: integer('application_id').references(() => applications.id),
  content: text('content').notNull(),
  handling: text('handling').notNull().default(''),
  recordedByAccountId: integer('recorded_by_account_id')
    .notNull()
    .references(() => accounts.id),
  createdAt: createdAt(),
});

/**
 * 三、（四）: a person whose archive is held by a public employment service (人事代理机构) and whose
 * insurance falls short may apply only after local HR verified them, the city office aggregated them
 * into its list and the province office approved — per person and year.
 */
export const archiveHostedRequests = pgTable(
  'archive_hosted_requests',
  {
    id: serial('id').primaryKey(),
    applicantAccountId: integer('applicant_account_id')
      .notNull()
      .references(() => accounts.id),
    personId: integer('person_id')
      .notNull()
      .references(() => persons.id),
    personnelAgencyId: integer('personnel_agency_id')
      .notNull()
      .references(() => organisations.id),
    year: integer('year').notNull(),
    statement: text('statement').notNull(),
    status: text('status', { enum: ['requested', 'verified', 'listed', 'approved', 'refused'] }).notNull(),
    verifiedByName: text('verified_by_name'),
    verifiedAt: timestamp('verified_at', { withTimezone: true, mode: 'date' }),
    listedByName: text('listed_by_name'),
    listedAt: timestamp('listed_at', { withTimezone: true, mode: 'date' }),
    decidedByName: text('decided_by_name'),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }),
    note: text('note').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('archive_hosted_requests_person_year').on(t.personId, t.year),
    check(
      'archive_hosted_requests_status_valid',
      oneOf('status', ['requested', 'verified', 'listed', 'approved', 'refused']),
    ),
  ],
);

/**
 * 通报批评 (四、（四））: a unit or reviewer that passed an application later cancelled for fraud,
 * recorded by the agency with the reason.
 */
export const censureRecords = pgTable(
  'censure_records',
  {
    id: serial('id').primaryKey(),
    applicationId: integer('application_id')
      .notNull()
      .references(() => applications.id),
    organisationId: integer('organisation_id').references(() => organisations.id),
    personId: integer('person_id').references(() => persons.id),
    /** The unit's name, or the reviewer's name with their seat. */
    subject: text('subject').notNull(),
    reason: text('reason').notNull(),
    recordedByAccountId: integer('recorded_by_account_id')
      .notNull()
      .references(() => accounts.id),
    createdAt: createdAt(),
  },
  (t) => [index('censure_records_application_idx').on(t.applicationId)],
);

/** Who opened an application's review view (one row per person and day): the applicant can see it. */
export const recordViews = pgTable(
  'record_views',
  {
    id: serial('id').primaryKey(),
    applicationId: integer('application_id')
      .notNull()
      .references(() => applications.id),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    viewerName: text('viewer_name').notNull(),
    organisationName: text('organisation_name'),
    role: text('role').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    firstAt: timestamp('first_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [uniqueIndex('record_views_unique').on(t.applicationId, t.accountId, t.day)],
);

/**
 * 四、（一）: an enterprise (链主企业/龙头企业) or new R&D institution (新型研发机构) applies to run its own
 * recognition; the HR bureau above it (or a title office) approves and sets the levels it may recognise.
 */
export const selfRecognitionApplications = pgTable(
  'self_recognition_applications',
  {
    id: serial('id').primaryKey(),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    category: text('category', { enum: ['chainLeader', 'newRnd'] }).notNull(),
    statement: text('statement').notNull(),
    requestedLevels: text('requested_levels').array().notNull(),
    contactPhone: text('contact_phone').notNull(),
    status: text('status', { enum: ['pending', 'approved', 'refused'] }).notNull(),
    grantedLevels: text('granted_levels').array(),
    decisionNote: text('decision_note'),
    decidedByName: text('decided_by_name'),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }),
    createdByAccountId: integer('created_by_account_id')
      .notNull()
      .references(() => accounts.id),
    createdAt: createdAt(),
  },
  () => [
    check('self_recognition_applications_status_valid', oneOf('status', ['pending', 'approved', 'refused'])),
  ],
);

/**
 * Request counters of the rate limits (login, password change, the public pre-check), one row per
 * route and client address. Kept in the database, not in a process, so that every app instance
 * counts against the same limit (SPEC §7: nothing only in a process's memory).
 */
export const rateLimitCounters = pgTable(
  'rate_limit_counters',
  {
    key: text('key').primaryKey(),
    count: integer('count').notNull(),
    windowEndsAt: timestamp('window_ends_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('rate_limit_counters_window_idx').on(t.windowEndsAt)],
);

/**
 * Per agency and year, the next number of a numbered series (批复 文号 sequence, certificate
 * sequence). Taken by `update … set next = next + 1 returning` inside the issuing transaction, so a
 * number is handed out once, never twice and never reused, even under concurrent issuing.
 */
export const numberSequences = pgTable(
  'number_sequences',
  {
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    year: integer('year').notNull(),
    kind: text('kind', { enum: ['approval', 'certificate'] }).notNull(),
    next: integer('next').notNull().default(1),
  },
  (t) => [uniqueIndex('number_sequences_key').on(t.agencyId, t.year, t.kind)],
);

/**
 * A 批复 (approval document, GB/T 9704-2012 form) of recognised applications: drafted by the agency,
 * issued in one confirmed action that gives it its 文号, makes the decisions final and creates the
 * certificates. An issued document is never edited; a mistake is corrected by revoking certificates
 * and issuing a new document.
 */
export const approvalDocuments = pgTable(
  'approval_documents',
  {
    id: serial('id').primaryKey(),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    year: integer('year').notNull(),
    status: text('status', { enum: ['draft', 'issued'] }).notNull(),
    /** 发文字号, e.g. 章人社字〔2027〕3号 — assigned at issue. */
    documentNumber: text('document_number').unique(),
    sequence: integer('sequence'),
    title: text('title').notNull(),
    /** 主送机关. */
    recipient: text('recipient').notNull(),
    /** 发文机关 (name as signed) and the 版头's 发文机关标志. */
    issuer: text('issuer').notNull(),
    /** The date the qualification counts from (取得资格时间), cited in the body. */
    effectiveOn: date('effective_on', { mode: 'string' }).notNull(),
    /** 成文日期, set at issue. */
    issuedOn: date('issued_on', { mode: 'string' }),
    copyTo: text('copy_to'),
    createdByAccountId: integer('created_by_account_id')
      .notNull()
      .references(() => accounts.id),
    createdAt: createdAt(),
    issuedByAccountId: integer('issued_by_account_id').references(() => accounts.id),
    issuedAt: timestamp('issued_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    index('approval_documents_agency_idx').on(t.agencyId, t.year),
    check('approval_documents_status_valid', oneOf('status', ['draft', 'issued'])),
    check('approval_documents_issued_numbered', sql`status = 'draft' or document_number is not null`),
  ],
);

export const approvalDocumentItems = pgTable(
  'approval_document_items',
  {
    documentId: integer('document_id')
      .notNull()
      .references(() => approvalDocuments.id, { onDelete: 'cascade' }),
    applicationId: integer('application_id')
      .notNull()
      .references(() => applications.id),
    position: integer('position').notNull(),
  },
  (t) => [
    uniqueIndex('approval_document_items_key').on(t.documentId, t.applicationId),
    index('approval_document_items_application_idx').on(t.applicationId),
  ],
);

/** A certificate (专业技术资格证书): one per recognised application, its number never reused. */
export const certificates = pgTable(
  'certificates',
  {
    id: serial('id').primaryKey(),
    number: text('number').notNull().unique(),
    /** A revoked certificate may be followed by a corrected one (a new 批复); one valid at a time. */
    applicationId: integer('application_id')
      .notNull()
      .references(() => applications.id),
    documentId: integer('document_id')
      .notNull()
      .references(() => approvalDocuments.id),
    personId: integer('person_id')
      .notNull()
      .references(() => persons.id),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    /** What the certificate says, frozen at issue (later edits elsewhere never change it). */
    name: text('name').notNull(),
    gender: text('gender', { enum: ['男', '女'] }).notNull(),
    birthMonth: text('birth_month').notNull(),
    employer: text('employer').notNull(),
    seriesCode: text('series_code').notNull(),
    series: text('series').notNull(),
    specialty: text('specialty').notNull(),
    qualification: text('qualification').notNull(),
    level: text('level', { enum: ['junior', 'assistant', 'intermediate'] }).notNull(),
    agencyName: text('agency_name').notNull(),
    documentNumber: text('document_number').notNull(),
    obtainedOn: date('obtained_on', { mode: 'string' }).notNull(),
    issuedOn: date('issued_on', { mode: 'string' }).notNull(),
    /** The SM2-signed QR payload (offline verification with the agency's public key). */
    qrPayload: text('qr_payload').notNull(),
    status: text('status', { enum: ['valid', 'revoked'] })
      .notNull()
      .default('valid'),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
    revokeReason: text('revoke_reason'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('certificates_one_valid_per_application')
      .on(t.applicationId)
      .where(sql`status = 'valid'`),
    index('certificates_application_idx').on(t.applicationId),
    index('certificates_agency_idx').on(t.agencyId, t.issuedOn),
    index('certificates_person_idx').on(t.personId),
    index('certificates_document_idx').on(t.documentId),
    check('certificates_status_valid', oneOf('status', ['valid', 'revoked'])),
    check('certificates_revoked_has_time', sql`(status = 'revoked') = (revoked_at is not null)`),
    check('certificates_level_valid', oneOf('level', ['junior', 'assistant', 'intermediate'])),
  ],
);

/** 查询记录: each public verification of a certificate, shown to its holder (never to the public). */
export const certificateVerifications = pgTable(
  'certificate_verifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    certificateId: integer('certificate_id')
      .notNull()
      .references(() => certificates.id),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    channel: text('channel', { enum: ['query', 'qr'] }).notNull(),
    clientAddress: text('client_address'),
  },
  (t) => [index('certificate_verifications_certificate_idx').on(t.certificateId, t.at)],
);

/**
 * 四、（七）: each county agency and self-recognition unit reports its year to the city title office
 * by the city's year-end deadline — its issued 批复 of the year and the certificate count (listed by
 * the system), with a note. Drafted and submitted by the agency (its leader submits), accepted or
 * returned with a comment by the city office. The list of 批复 is frozen at each submission.
 */
export const yearEndReports = pgTable(
  'year_end_reports',
  {
    id: serial('id').primaryKey(),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    year: integer('year').notNull(),
    status: text('status', { enum: ['draft', 'submitted', 'accepted', 'returned'] })
      .notNull()
      .default('draft'),
    note: text('note').notNull().default(''),
    /** The issued 批复 as submitted: [{ id, documentNumber, title, issuedOn, count }]. */
    documents: jsonb('documents'),
    certificateCount: integer('certificate_count'),
    /** The first submission decides lateness (四、（七）: reported by the deadline). */
    firstSubmittedAt: timestamp('first_submitted_at', { withTimezone: true, mode: 'date' }),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date' }),
    submittedByAccountId: integer('submitted_by_account_id').references(() => accounts.id),
    cityComment: text('city_comment'),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }),
    decidedByAccountId: integer('decided_by_account_id').references(() => accounts.id),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('year_end_reports_agency_year_idx').on(t.agencyId, t.year),
    check('year_end_reports_status_valid', oneOf('status', ['draft', 'submitted', 'accepted', 'returned'])),
  ],
);
