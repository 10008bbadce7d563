/**
 * Generated applications for the benches that need a database with many of them (the review queue,
 * cold start on existing data): `rows` submitted applications, each with its own person and account,
 * numbered BENCH-…, straight in SQL (minutes through the API). Half wait at the busiest seat (the
 * first agency's handler); the rest are spread over the other agencies' seats and both roles, their
 * waiting times over the last 90 days. Works on PostgreSQL and PGlite (plain SQL, one temp table).
 */

/** Runs one statement, with parameters, and gives its rows (pg's client and PGlite both fit). */
export type Exec = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

export async function countBenchApplications(exec: Exec): Promise<number> {
  const r = await exec(`select count(*)::int as n from applications where number like 'BENCH-%'`);
  return Number(r[0]!.n);
}

export async function fillApplications(exec: Exec, rows: number): Promise<void> {
  const orgs = (await exec(
    `select o.id as org, a.id as agency from organisations o join agencies a on a.organisation_id = o.id
     order by a.id limit 21`,
  )) as { org: number; agency: number }[];
  const batches = (await exec(`select id, agency_id from batches order by id`)) as {
    id: number;
    agency_id: number;
  }[];
  await exec(`delete from applications where number like 'BENCH-%'`);
  await exec(`delete from accounts where username like 'bench_%'`);
  await exec(`delete from persons where name like '压测%' and id_number_cipher is null`);
  // Without ID numbers: those are stored encrypted (issue 13 item 5), which SQL cannot do.
  await exec(`
    insert into persons (name)
    select '压测' || g from generate_series(1, ${rows}) g`);
  await exec(`
    insert into accounts (username, person_id, password_hash)
    select 'bench_' || p.id, p.id, 'not-a-login' from persons p where p.name like '压测%' and p.id_number_cipher is null`);
  const batchOf = (agency: number) => batches.find((b) => b.agency_id === agency)!.id;
  await exec(`create temp table seat_map (k int primary key, org int, agency int, batch int)`);
  for (const [k, o] of orgs.entries())
    await exec('insert into seat_map values ($1, $2, $3, $4)', [k, o.org, o.agency, batchOf(o.agency)]);
  await exec(`
    insert into applications (number, applicant_account_id, person_id, employer_id, agency_id, batch_id,
      target_level, status, stage, holder_organisation_id, holder_role, stage_since, revision, form, version,
      created_by_account_id, submitted_at)
    select 'BENCH-' || a.id, a.id, a.person_id, s.org, s.agency, s.batch,
      (array['junior','assistant','intermediate'])[1 + a.id % 3], 'submitted',
      case when a.id % 2 = 0 or a.id % 5 = 0 then 'agency_handler' else 'agency_leader' end,
      s.org, case when a.id % 2 = 0 or a.id % 5 = 0 then 'handler' else 'leader' end,
      now() - (a.id % 129600) * interval '1 minute', 1,
      jsonb_build_object('seriesCode', (array['engineering','schoolTeacher','health'])[1 + a.id % 3]), 1, a.id, now()
    from accounts a
    join seat_map s on s.k = case when a.id % 2 = 0 then 0 else 1 + a.id % 20 end
    where a.username like 'bench_%'`);
  await exec('drop table seat_map');
  await exec('analyze applications');
}
