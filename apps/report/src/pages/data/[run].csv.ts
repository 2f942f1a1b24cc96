import type { APIRoute, GetStaticPaths } from 'astro';
import { toCsv } from '../../lib/csv';
import { type Run, siteRuns } from '../../lib/load';

export const getStaticPaths: GetStaticPaths = () =>
  siteRuns().map((run) => ({ params: { run: run.slug }, props: { run } }));

/** Every cell of the run, one row each. */
export const GET: APIRoute = ({ props }) =>
  new Response(toCsv((props as { run: Run }).run.data), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
