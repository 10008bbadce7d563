/**
 * Who may call what: the expected answer of every API route for every kind of caller, in one table
 * (issue 13 item 1). test/authorization-matrix.test.ts enumerates the routes the app registers and
 * calls each one as each actor, on a target in the caller's own organisation chain ("own"), in the
 * parallel chain of another county ("other") and, where a route names a person's record, another
 * person of the same unit ("peer"); a route without an entry here, or an entry without a route, fails.
 *
 * The actors are people of chain A (章贡区: agency 章贡区职称改革领导小组办公室 → supervising department
 * 章贡区教育局 → school 赣州市章贡区第一中学, and applicant A1 at the school) and the offices above; chain
 * B (赣县区) is the same shape and holds what A's people must not reach. The city office, the province
 * office and the system admin have both chains in their scope, so "other" is theirs too.
 *
 * Outcomes:
 *  - ok: allowed to try — 2xx, or a domain refusal after the access check (409/422, or a 400 that is not
 *    a validation error), which proves the action was allowed to be attempted;
 *  - unauthenticated: 401 (no session);
 *  - forbidden: 403 (signed in, but this role may not do this);
 *  - hidden: 404, or an answer identical (status and code) to the one for a record that does not exist:
 *    the caller cannot tell the record is there;
 *  - ignored: 2xx, and nothing changed (a write that silently skips what is not the caller's).
 * Zero leaks, checked on this table itself: a read outside the caller's scope is `hidden` (or the same
 * refusal the caller gets for its own scope); a write outside it is `forbidden`, `hidden` or `ignored`,
 * and the test checks it changed nothing.
 */

export const ACTORS = [
  'anonymous',
  'applicant',
  'unitHandler',
  'unitLeader',
  'supervisorHandler',
  'supervisorLeader',
  'agencyHandler',
  'agencyLeader',
  'cityOffice',
  'provinceOffice',
  'admin',
] as const;
export type Actor = (typeof ACTORS)[number];

export type Outcome = 'ok' | 'unauthenticated' | 'forbidden' | 'hidden' | 'ignored';
export type Row = Record<Actor, Outcome>;
export type Variant = 'any' | 'own' | 'peer' | 'other';

/** Either one row (nothing in the request names a scoped record), or one row per target. */
export type Expectation = { any: Row } | { own: Row; other: Row; peer?: Row };

export interface RouteAccess {
  /** What the request's scoped input (path parameter, or ids in the body or query) names. */
  of?: string;
  expect: Expectation;
}

/** Actors whose data scope covers chain B as well as chain A. */
export const BOTH_CHAINS: readonly Actor[] = ['cityOffice', 'provinceOffice', 'admin'];

const SEATS = [
  'unitHandler',
  'unitLeader',
  'supervisorHandler',
  'supervisorLeader',
  'agencyHandler',
  'agencyLeader',
] as const satisfies readonly Actor[];
const OFFICES = ['cityOffice', 'provinceOffice'] as const satisfies readonly Actor[];
const TITLE_OFFICES = [...OFFICES, 'admin'] as const satisfies readonly Actor[];
const AGENCY = ['agencyHandler', 'agencyLeader'] as const satisfies readonly Actor[];
const UNIT = ['unitHandler', 'unitLeader'] as const satisfies readonly Actor[];
const SIGNED_IN = ACTORS.filter((a) => a !== 'anonymous');

/**
 * A row: `allowed` are ok, every other signed-in actor gets `rest`, the stranger 401 (public routes
 * say so with `publicRow`); `except` overrides single cells.
 */
function allow(allowed: readonly Actor[], rest: Outcome = 'forbidden', except: Partial<Row> = {}): Row {
  const row = Object.fromEntries(
    ACTORS.map((a) => [a, allowed.includes(a) ? 'ok' : a === 'anonymous' ? 'unauthenticated' : rest]),
  ) as Row;
  return { ...row, ...except };
}
const everyone = (except: Partial<Row> = {}): Row => allow(SIGNED_IN, 'forbidden', except);
const publicRow = (except: Partial<Row> = {}): Row => ({ ...allow(ACTORS), ...except });

/** Nothing in the request names a scoped record. */
const any = (row: Row): RouteAccess => ({ expect: { any: row } });
/**
 * A scoped target. `other` defaults to: the offices as for `own`, A's people `outside` (hidden unless
 * said otherwise); `peer` (where given) is what each gets for A2's record instead of A1's.
 */
function scoped(
  of: string,
  own: Row,
  opts: { other?: Row; outside?: Outcome; peer?: Row | 'applicantHidden' } = {},
): RouteAccess {
  const other =
    opts.other ??
    (Object.fromEntries(
      ACTORS.map((a) => [
        a,
        a === 'anonymous' ? own.anonymous : BOTH_CHAINS.includes(a) ? own[a] : (opts.outside ?? 'hidden'),
      ]),
    ) as Row);
  const peer = opts.peer === 'applicantHidden' ? { ...own, applicant: 'hidden' as const } : opts.peer;
  return { of, expect: peer ? { own, other, peer } : { own, other } };
}

const SEATS_AND_OFFICES = [...SEATS, ...TITLE_OFFICES];
const AGENCY_AND_OFFICES = [...AGENCY, ...TITLE_OFFICES];
/** Who sees A1's application: A1, every seat of its chain, and the offices. */
const A1_AND_CHAIN = SIGNED_IN;

export const ROUTE_ACCESS: Record<string, RouteAccess> = {
  // ——— public (CONTRACT.md, the portal's reference data, sign-in) ———
  'GET /api/v1/health': any(publicRow()),
  'GET /api/v1/agencies': any(publicRow()),
  'GET /api/v1/series': any(publicRow()),
  'GET /api/v1/regions': any(publicRow()),
  'GET /api/v1/schedules/overview': any(publicRow()),
  'GET /api/v1/policy-documents': any(publicRow()),
  'GET /api/v1/policy-documents/:id': any(publicRow()),
  // Published versions are public; the matrix asks for the drafts too (includeDrafts=true): offices only.
  'GET /api/v1/policy-versions': { of: 'the list with drafts', expect: { any: allow(TITLE_OFFICES) } },
  // A draft is the title offices' work in progress: not found for anyone else.
  'GET /api/v1/policy-versions/:id': {
    of: 'a policy draft',
    expect: { any: allow(TITLE_OFFICES, 'hidden', { anonymous: 'hidden' }) },
  },
  'POST /api/v1/eligibility/check': any(publicRow()),
  'GET /api/v1/certificates/verify': any(publicRow()),
  'POST /api/v1/certificates/verify-payload': any(publicRow()),
  'GET /api/v1/certificates/public-keys': any(publicRow()),
  'POST /api/v1/auth/login': any(publicRow()),
  'POST /api/v1/auth/logout': any(publicRow()),

  // ——— the session ———
  'GET /api/v1/auth/me': any(everyone()),
  'POST /api/v1/auth/password': any(everyone()),

  // ——— reference data kept by the title offices ———
  'POST /api/v1/series': any(allow(TITLE_OFFICES)),
  'PATCH /api/v1/series/:code': any(allow(TITLE_OFFICES)),
  'POST /api/v1/series/:code/specialties': any(allow(TITLE_OFFICES)),
  'PATCH /api/v1/agencies/:code': scoped('an agency', allow(TITLE_OFFICES), { outside: 'forbidden' }),
  'POST /api/v1/policy-documents': any(allow(TITLE_OFFICES)),
  'PUT /api/v1/policy-documents/:id': any(allow(TITLE_OFFICES)),
  'POST /api/v1/policy-versions': any(allow(TITLE_OFFICES)),
  'PUT /api/v1/policy-versions/:id': any(allow(TITLE_OFFICES)),
  'POST /api/v1/policy-versions/:id/publish': any(allow(TITLE_OFFICES)),
  'DELETE /api/v1/policy-versions/:id': any(allow(TITLE_OFFICES)),
  'GET /api/v1/audit-logs': any(allow(TITLE_OFFICES)),
  'GET /api/v1/audit-logs/export.xlsx': any(allow(TITLE_OFFICES)),

  // ——— the yearly schedule of windows ———
  'GET /api/v1/schedules': any(allow(TITLE_OFFICES)),
  'POST /api/v1/schedules': any(allow(TITLE_OFFICES)),
  'GET /api/v1/schedules/:year': any(allow(TITLE_OFFICES)),
  'POST /api/v1/schedules/:year/publish': any(allow(TITLE_OFFICES)),
  'DELETE /api/v1/schedules/:year': any(allow(TITLE_OFFICES)),
  'POST /api/v1/schedules/:year/batches': scoped('an agency', allow(TITLE_OFFICES), { outside: 'forbidden' }),
  'PUT /api/v1/agencies/:code/batches/:batchId': scoped('an agency’s batch', allow(TITLE_OFFICES), {
    outside: 'forbidden',
  }),
  'POST /api/v1/agencies/:code/batches/:batchId/cancel': scoped('an agency’s batch', allow(TITLE_OFFICES), {
    outside: 'forbidden',
  }),

  // ——— organisations and their seats ———
  'GET /api/v1/organisations': any(everyone()),
  'GET /api/v1/organisations/:id': scoped('the school', allow(SEATS_AND_OFFICES, 'hidden')),
  // Under the school (an employer has no children): allowed callers get 422.
  'POST /api/v1/organisations': scoped('the school (as parent)', allow(SEATS_AND_OFFICES, 'hidden')),
  'PATCH /api/v1/organisations/:id': scoped('the school', allow(SEATS_AND_OFFICES, 'hidden')),
  'GET /api/v1/organisations/:id/seats': scoped('the school', allow(SEATS_AND_OFFICES, 'hidden')),
  // Seats are set from the level above, never by the unit itself.
  'PUT /api/v1/organisations/:id/seats/:role': scoped(
    'the school',
    allow(SEATS_AND_OFFICES, 'hidden', { unitHandler: 'forbidden', unitLeader: 'forbidden' }),
  ),

  // ——— accounts ———
  'GET /api/v1/accounts': any(everyone()),
  'POST /api/v1/accounts': any(allow(['admin'])),
  'POST /api/v1/accounts/:id/reset-password': scoped('A2’s account', allow(SEATS_AND_OFFICES, 'hidden')),
  'POST /api/v1/accounts/:id/unlock': scoped('A2’s account', allow(SEATS_AND_OFFICES, 'hidden')),
  'GET /api/v1/employers/:id/applicants': scoped('the school', allow(SEATS_AND_OFFICES, 'hidden')),
  // Applicant accounts are the unit's own seats' (and the system admin's) to make.
  'POST /api/v1/employers/:id/applicants': scoped(
    'the school',
    allow([...UNIT, 'admin'], 'forbidden', { applicant: 'hidden' }),
  ),
  'POST /api/v1/employers/:id/applicants/:accountId/reset-password': scoped(
    'the school and A2’s account',
    allow([...UNIT, 'admin'], 'forbidden', { applicant: 'hidden' }),
  ),
  // Whoever can see the unit (as its applicant list); outside the scope not found.
  'GET /api/v1/employers/:id/applicants/template.xlsx': scoped(
    'the school',
    allow(SEATS_AND_OFFICES, 'hidden'),
  ),
  'POST /api/v1/employers/:id/applicants/import': scoped(
    'the school',
    allow([...UNIT, 'admin'], 'forbidden', { applicant: 'hidden' }),
  ),

  // ——— the social-insurance registry (HR bureaus and title offices) ———
  'GET /api/v1/social-insurance/records': any(allow(AGENCY_AND_OFFICES)),
  'GET /api/v1/social-insurance/imports': any(allow(AGENCY_AND_OFFICES)),
  'GET /api/v1/social-insurance/template.xlsx': any(everyone()),
  // The system admin belongs to no HR bureau, so it cannot be the importing body.
  'POST /api/v1/social-insurance/imports': any(allow([...AGENCY, ...OFFICES])),

  // ——— material files ———
  'POST /api/v1/uploads': any(everyone()),
  'GET /api/v1/uploads/limits': any(everyone()),
  'GET /api/v1/uploads/:id': scoped('a material of a submitted application', allow(A1_AND_CHAIN), {
    peer: 'applicantHidden',
  }),
  'GET /api/v1/uploads/:id/content': scoped('a material of a submitted application', allow(A1_AND_CHAIN), {
    peer: 'applicantHidden',
  }),

  // ——— applications ———
  // For a named applicant: the person themself, or a seat of their unit acting for them.
  'GET /api/v1/applications/routing': scoped(
    'A1 (applicantAccountId)',
    allow(['applicant', ...UNIT], 'hidden'),
    {
      peer: 'applicantHidden',
    },
  ),
  'GET /api/v1/applications': any(everyone()),
  'POST /api/v1/applications': scoped('A1 (applicantAccountId)', allow(['applicant', ...UNIT], 'hidden'), {
    peer: 'applicantHidden',
  }),
  'GET /api/v1/applications/:id': scoped('a submitted application', allow(A1_AND_CHAIN), {
    peer: 'applicantHidden',
  }),
  'PUT /api/v1/applications/:id/form': scoped('a draft', allow(['applicant', ...UNIT]), {
    peer: 'applicantHidden',
    outside: 'hidden',
  }),
  'POST /api/v1/applications/:id/precheck': scoped('a draft', allow(A1_AND_CHAIN), {
    peer: 'applicantHidden',
  }),
  'POST /api/v1/applications/:id/submit': scoped('a draft', allow(['applicant', ...UNIT]), {
    peer: 'applicantHidden',
  }),
  'POST /api/v1/applications/:id/withdraw': scoped('a draft', allow(['applicant']), {
    peer: 'applicantHidden',
  }),
  'POST /api/v1/applications/:id/remind': scoped('a draft', allow(UNIT), { peer: 'applicantHidden' }),
  'GET /api/v1/applications/:id/viewers': scoped('a submitted application', allow(A1_AND_CHAIN), {
    peer: 'applicantHidden',
  }),

  // ——— review ———
  // Anyone signed in asks; without a seat the queue is empty.
  'GET /api/v1/review/queue': any(everyone()),
  'GET /api/v1/review/seats': any(everyone()),
  'GET /api/v1/review/applications/:id': scoped('a submitted application', allow(A1_AND_CHAIN), {
    peer: 'applicantHidden',
  }),
  // At the unit handler's step: only that seat may act (it gets 422 here: work experience not vouched).
  'POST /api/v1/review/applications/:id/decision': scoped('a submitted application', allow(['unitHandler']), {
    peer: 'applicantHidden',
  }),
  'POST /api/v1/review/applications/:id/materials/:index/check': scoped(
    'a submitted application',
    allow(['unitHandler']),
    { peer: 'applicantHidden' },
  ),
  'POST /api/v1/review/bulk-approve': scoped('a submitted application', allow(['unitHandler']), {
    peer: 'applicantHidden',
  }),
  'GET /api/v1/review/publicities': any(everyone()),
  'POST /api/v1/review/publicities': scoped('the school and A1’s application', allow(UNIT), {
    outside: 'forbidden',
  }),
  'POST /api/v1/review/publicities/:id/objections': scoped('the school’s publicity', allow(UNIT), {
    outside: 'forbidden',
  }),
  // Cancelling for fraud: the agency's seats and the offices (a stale revision here: 409).
  'POST /api/v1/review/applications/:id/cancel': scoped(
    'a submitted application',
    allow(AGENCY_AND_OFFICES, 'forbidden', { applicant: 'hidden' }),
    { peer: 'applicantHidden' },
  ),

  // ——— notifications: one's own only ———
  'GET /api/v1/notifications': any(everyone()),
  'POST /api/v1/notifications/read': scoped('A1’s notification', allow(['applicant'], 'ignored'), {
    peer: allow([], 'ignored'),
    other: allow([], 'ignored'),
  }),

  // ——— archive-hosted path ———
  'GET /api/v1/archive-hosted/requests': any(everyone()),
  'POST /api/v1/archive-hosted/requests': scoped(
    'A1 (applicantAccountId)',
    allow(['applicant', ...UNIT], 'hidden'),
    { peer: 'applicantHidden' },
  ),
  'POST /api/v1/archive-hosted/requests/:id/verify': scoped('the personnel agency’s request', allow(AGENCY), {
    outside: 'forbidden',
  }),
  'POST /api/v1/archive-hosted/requests/:id/decide': scoped(
    'the personnel agency’s request',
    allow(['provinceOffice']),
    { outside: 'forbidden' },
  ),
  'POST /api/v1/archive-hosted/requests/list': scoped(
    'the personnel agency’s request',
    allow(['cityOffice']),
    {
      outside: 'forbidden',
    },
  ),

  // ——— self-recognition ———
  'POST /api/v1/self-recognition/units/:id/authorise': scoped(
    'a firm under the agency',
    allow(TITLE_OFFICES, 'hidden', { agencyHandler: 'forbidden', agencyLeader: 'forbidden' }),
  ),
  'POST /api/v1/self-recognition/units/:id/batches': scoped(
    'the self-recognition unit',
    allow([], 'hidden', { agencyHandler: 'forbidden', agencyLeader: 'forbidden', ...offices('forbidden') }),
  ),
  'GET /api/v1/self-recognition/batches': any(everyone()),
  'POST /api/v1/self-recognition/batches/:id/filing': scoped(
    'the self-recognition unit’s batch',
    allow(AGENCY, 'hidden', offices('forbidden')),
  ),
  'POST /api/v1/self-recognition/units/:id/applications': scoped(
    'a firm under the agency',
    allow([], 'hidden', { agencyHandler: 'forbidden', agencyLeader: 'forbidden', ...offices('forbidden') }),
  ),
  'GET /api/v1/self-recognition/applications': any(everyone()),
  'POST /api/v1/self-recognition/applications/:id/decision': scoped(
    'a firm’s application',
    allow(AGENCY_AND_OFFICES, 'hidden'),
  ),

  // ——— blacklist and censure ———
  'GET /api/v1/blacklist': any(allow(SEATS_AND_OFFICES)),
  'POST /api/v1/blacklist': any(allow(TITLE_OFFICES)),
  'POST /api/v1/blacklist/:id/revoke': any(allow(TITLE_OFFICES)),
  'GET /api/v1/censures': any(allow(TITLE_OFFICES)),

  // ——— 批复 ———
  'GET /api/v1/approvals/candidates': any(allow(AGENCY)),
  'GET /api/v1/approvals/decided': any(allow(AGENCY)),
  'GET /api/v1/approvals': any(allow(AGENCY_AND_OFFICES)),
  // Another agency's recognised application is, to this agency, no candidate at all (422, as for none).
  'POST /api/v1/approvals': scoped('a recognised application', allow(AGENCY), {
    other: allow([], 'forbidden', { agencyHandler: 'hidden', agencyLeader: 'hidden' }),
  }),
  'GET /api/v1/approvals/:id': scoped('an issued 批复', allow(AGENCY_AND_OFFICES, 'hidden')),
  'DELETE /api/v1/approvals/:id': scoped('a draft 批复', allow(AGENCY, 'hidden', offices('forbidden'))),
  'POST /api/v1/approvals/:id/issue': scoped(
    'a draft 批复',
    allow(['agencyLeader'], 'hidden', { agencyHandler: 'forbidden', ...offices('forbidden') }),
  ),
  'PUT /api/v1/agencies/:code/document-settings': scoped('an agency', allow(AGENCY_AND_OFFICES), {
    outside: 'forbidden',
  }),
  'GET /api/v1/approvals/:id/document.docx': scoped('an issued 批复', allow(AGENCY_AND_OFFICES, 'hidden')),
  'GET /api/v1/approvals/:id/document.pdf': scoped('an issued 批复', allow(AGENCY_AND_OFFICES, 'hidden')),

  // ——— certificates ———
  'GET /api/v1/certificates/export.xlsx': any(allow(SEATS_AND_OFFICES)),
  'GET /api/v1/certificates/mine': any(everyone()),
  'GET /api/v1/certificates': any(allow(SEATS_AND_OFFICES)),
  // Its holder, its agency's seats and the offices above.
  'GET /api/v1/certificates/:id': scoped(
    'A1’s certificate',
    allow(['applicant', ...AGENCY_AND_OFFICES], 'hidden'),
    {
      peer: 'applicantHidden',
    },
  ),
  'GET /api/v1/certificates/:id/certificate.pdf': scoped(
    'A1’s certificate',
    allow(['applicant', ...AGENCY_AND_OFFICES], 'hidden'),
    { peer: 'applicantHidden' },
  ),
  'POST /api/v1/certificates/:id/revoke': scoped(
    'A1’s certificate',
    allow(AGENCY_AND_OFFICES, 'hidden', { applicant: 'forbidden' }),
    { peer: 'applicantHidden' },
  ),

  // ——— year-end reports and statistics ———
  'GET /api/v1/reports/year-end': any(allow(TITLE_OFFICES)),
  'GET /api/v1/reports/year-end/mine': any(allow(AGENCY)),
  'PUT /api/v1/reports/year-end/mine': any(allow(AGENCY)),
  'POST /api/v1/reports/year-end/mine/submit': any(allow(['agencyLeader'])),
  'GET /api/v1/reports/year-end/:id': scoped('the agency’s report', allow(AGENCY_AND_OFFICES, 'hidden')),
  'POST /api/v1/reports/year-end/:id/accept': scoped('the agency’s report', allow(['cityOffice']), {
    outside: 'forbidden',
  }),
  'POST /api/v1/reports/year-end/:id/return': scoped('the agency’s report', allow(['cityOffice']), {
    outside: 'forbidden',
  }),
  'GET /api/v1/reports/statistics': any(allow(AGENCY_AND_OFFICES)),
  'GET /api/v1/reports/statistics.xlsx': any(allow(AGENCY_AND_OFFICES)),
};

function offices(outcome: Outcome): Partial<Row> {
  return Object.fromEntries(TITLE_OFFICES.map((a) => [a, outcome]));
}

/** Routes the app registers without an entry, and entries without a route. */
export function coverageProblems(routes: readonly string[], table: Record<string, RouteAccess>): string[] {
  const registered = new Set(routes);
  return [
    ...routes.filter((r) => !table[r]).map((r) => `${r}: registered, but has no entry in the access table`),
    ...Object.keys(table)
      .filter((k) => !registered.has(k))
      .map((k) => `${k}: in the access table, but no such route is registered`),
  ];
}

/** The entry's variants, in the order the test sends them (the outsider first, before anything moved). */
export function variantsOf(e: Expectation): Variant[] {
  if ('any' in e) return ['any'];
  return e.peer ? ['other', 'peer', 'own'] : ['other', 'own'];
}

export function expected(e: Expectation, v: Variant): Row {
  const row = (e as Record<string, Row | undefined>)[v];
  if (!row) throw new Error(`no ${v} row`);
  return row;
}

/**
 * The zero-leak rules, checked on the table (so that a leak cannot be declared as expected):
 *  - only public routes answer the stranger;
 *  - outside the caller's scope (other: everyone but the offices; peer: A1) a read is hidden, or the
 *    same refusal as inside; a write is forbidden, hidden or ignored.
 */
export function leakDeclarations(
  table: Record<string, RouteAccess>,
  publicRoutes: ReadonlySet<string>,
): string[] {
  const problems: string[] = [];
  for (const [key, entry] of Object.entries(table)) {
    const isPublic = publicRoutes.has(key);
    const read = key.startsWith('GET ');
    for (const v of variantsOf(entry.expect)) {
      const row = expected(entry.expect, v);
      if (!isPublic && row.anonymous !== 'unauthenticated')
        problems.push(`${key} (${v}): a stranger must get unauthenticated, the table says ${row.anonymous}`);
      if (v !== 'other' && v !== 'peer') continue;
      const own = expected(entry.expect, 'own');
      for (const actor of ACTORS) {
        const outside = v === 'other' ? !BOTH_CHAINS.includes(actor) : actor === 'applicant';
        if (!outside || actor === 'anonymous') continue;
        const got = row[actor];
        const fine = read
          ? got === 'hidden' || (got === own[actor] && got !== 'ok')
          : got === 'forbidden' || got === 'hidden' || got === 'ignored';
        if (!fine)
          problems.push(
            `${key} (${v}, ${actor}): outside the caller's scope a ${read ? 'read must be hidden' : 'write must be refused or ignored'}, the table says ${got}`,
          );
      }
    }
  }
  return problems;
}
