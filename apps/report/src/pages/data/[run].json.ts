import type { APIRoute, GetStaticPaths } from 'astro';
import { type Run, siteRuns } from '../../lib/load';

export const getStaticPaths: GetStaticPaths = () =>
  siteRuns().map((run) => ({ params: { run: run.slug }, props: { run } }));

/** The result file exactly as read. */
export const GET: APIRoute = ({ props }) =>
  new Response((props as { run: Run }).run.text, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
