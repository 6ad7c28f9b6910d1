// Runs a GitHub Actions workflow's jobs locally, as GitHub would lay them out: every job on
// its own "runner" (a fresh directory with its own workspace, temp dir and GITHUB_ENV /
// GITHUB_PATH / GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files), `run:` steps executed with bash
// as GitHub does (`bash --noprofile --norc -eo pipefail`), and the `uses:` steps the token
// review needs emulated: checkout = a clone of a commit of a local repository, setup-node =
// the node running the tests, upload/download-artifact = copies through an artifact store
// shared by the run. Only the expression forms the workflow uses are understood; anything
// else throws, so the emulation cannot silently diverge from the file.
import { spawnSync } from 'child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';

const { safeLoad } = require('js-yaml') as { safeLoad: (text: string) => unknown };

type Json = Record<string, any>;

export interface WorkflowEvent {
  readonly action: string;
  readonly baseSha: string;
  readonly headSha: string;
  readonly labels?: readonly string[];
  /** The label of a `labeled` / `unlabeled` event. */
  readonly label?: string;
  readonly sender?: string;
}

export interface StepResult {
  readonly job: string;
  readonly name: string;
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface JobResult {
  readonly result: 'success' | 'failure' | 'skipped';
  readonly steps: readonly StepResult[];
  readonly summary: string;
  readonly outputs: Record<string, string>;
  /** The runner directory (workspace, temp) the job ran in. */
  readonly runnerDir: string;
}

export interface RunOptions {
  readonly workflowFile: string;
  /** The repository `actions/checkout` clones. */
  readonly repo: string;
  readonly event: WorkflowEvent;
  /** Where runners and the artifact store are created. */
  readonly dir: string;
  /**
   * Run every job on one runner sharing GITHUB_ENV and GITHUB_PATH, as when base and head
   * ran in one job: the control that shows the tampering works without job separation.
   */
  readonly sharedRunner?: boolean;
  /**
   * Results of jobs to take from an earlier run instead of running them again (their
   * artifacts stay in that run's store, given as `artifactDir`).
   */
  readonly reuse?: Record<string, JobResult>;
  /** Where the artifact store lives; `dir` unless reusing jobs of another run. */
  readonly artifactDir?: string;
}

/** Parses the workflow file. */
export function loadWorkflow(file: string): Json {
  return safeLoad(readFileSync(file, 'utf8')) as Json;
}

/** Runs every job in `needs` order; returns each job's result. */
export function runWorkflow(options: RunOptions): Record<string, JobResult> {
  const workflow = loadWorkflow(options.workflowFile);
  const jobs = workflow.jobs as Record<string, Json>;
  const results: Record<string, JobResult> = { ...(options.reuse ?? {}) };
  const store = join(options.artifactDir ?? options.dir, 'artifacts');
  mkdirSync(store, { recursive: true });
  const pending = Object.keys(jobs).filter((id) => results[id] === undefined);
  while (pending.length > 0) {
    const index = pending.findIndex((id) => needsOf(jobs[id]).every((n) => results[n] !== undefined));
    if (index < 0) throw new Error(`workflow has a cycle or unknown needs among ${pending.join(', ')}`);
    const [id] = pending.splice(index, 1);
    results[id] = runJob(id, jobs[id], workflow, results, store, options);
  }
  return results;
}

function needsOf(job: Json): string[] {
  return job.needs === undefined ? [] : Array.isArray(job.needs) ? job.needs : [job.needs];
}

interface Context {
  readonly github: Json;
  readonly needs: Json;
  readonly steps: Json;
  readonly runner: Json;
}

/** Evaluates the few expression forms the workflow uses. */
function evaluate(expression: string, context: Context): unknown {
  const text = expression.trim();
  const and = splitTop(text, '&&');
  if (and.length > 1) return and.every((part) => truthy(evaluate(part, context)));
  const eq = splitTop(text, '==');
  if (eq.length === 2) return evaluate(eq[0], context) === evaluate(eq[1], context);
  if (text === 'always()') return true;
  const literal = /^'([^']*)'$/.exec(text);
  if (literal) return literal[1];
  const contains = /^contains\(([\w.*-]+), '([^']*)'\)$/.exec(text);
  if (contains) {
    const [path, field] = contains[1].split('.*.');
    const list = lookup(path, context);
    return Array.isArray(list) && list.some((item) => item?.[field] === contains[2]);
  }
  if (/^[\w.-]+$/.test(text)) return lookup(text, context);
  throw new Error(`expression not understood by the emulator: ${text}`);
}

function splitTop(text: string, operator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'") quoted = !quoted;
    else if (!quoted && c === '(') depth++;
    else if (!quoted && c === ')') depth--;
    else if (!quoted && depth === 0 && text.startsWith(operator, i)) {
      parts.push(text.slice(start, i));
      start = i + operator.length;
      i += operator.length - 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim());
}

function lookup(path: string, context: Context): unknown {
  let value: any = context;
  for (const key of path.split('.')) value = value?.[key];
  return value;
}

function truthy(value: unknown): boolean {
  return value !== undefined && value !== null && value !== false && value !== '' && value !== 0;
}

/** Substitutes `${{ ... }}` in a string as text (GitHub renders booleans as `true` / `false`). */
function interpolate(text: unknown, context: Context): string {
  if (typeof text !== 'string') return String(text);
  return text.replace(/\$\{\{(.*?)\}\}/g, (_, expression: string) => {
    const value = evaluate(expression, context);
    return value === undefined || value === null ? '' : String(value);
  });
}

function condition(text: unknown, context: Context, defaultValue: boolean): boolean {
  if (text === undefined) return defaultValue;
  const expression = String(text).replace(/^\$\{\{(.*)\}\}$/s, '$1');
  return truthy(evaluate(expression, context));
}

function runJob(id: string, job: Json, workflow: Json, results: Record<string, JobResult>, store: string, options: RunOptions): JobResult {
  const runnerDir = options.sharedRunner ? join(options.dir, 'shared-runner') : join(options.dir, `runner-${id}`);
  const workspace = join(runnerDir, 'work', options.sharedRunner ? id : 'repo');
  const temp = join(runnerDir, 'temp', options.sharedRunner ? id : '');
  const files = {
    env: join(runnerDir, 'env'),
    path: join(runnerDir, 'path'),
    summary: join(runnerDir, `summary-${id}`),
    output: join(runnerDir, `output-${id}`),
  };
  for (const dir of [workspace, temp]) mkdirSync(dir, { recursive: true });
  for (const file of Object.values(files)) if (!existsSync(file)) writeFileSync(file, '');

  const { event } = options;
  const needs = Object.fromEntries(needsOf(job).map((n) => [n, { result: results[n].result, outputs: results[n].outputs }]));
  const github = {
    event: {
      action: event.action,
      label: event.label === undefined ? undefined : { name: event.label },
      sender: { login: event.sender ?? 'someone' },
      pull_request: {
        number: 7,
        base: { sha: event.baseSha },
        head: { sha: event.headSha },
        labels: (event.labels ?? []).map((name) => ({ name })),
      },
    },
    repository: 'acme/infra',
    token: 'emulated-token',
  };
  const steps: Json = {};
  const context = (): Context => ({ github, needs, steps, runner: { temp } });

  const allOk = Object.values(needs).every((n: Json) => n.result === 'success');
  if (!condition(job.if, context(), allOk)) return { result: 'skipped', steps: [], summary: '', outputs: {}, runnerDir };

  const stepResults: StepResult[] = [];
  let failed = false;
  for (const [i, step] of (job.steps as Json[]).entries()) {
    if (failed) break;
    const name = step.name ?? step.uses ?? `step ${i}`;
    const inputs: Record<string, string> = Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, interpolate(v, context())]));
    let result: StepResult;
    if (step.uses !== undefined) {
      result = { job: id, name, ...emulateAction(String(step.uses), inputs, workspace, store, options.repo, (key, value) => ((steps[step.id] ??= { outputs: {} }).outputs[key] = value)) };
    } else {
      const env: Record<string, string> = {
        ...baseEnv(),
        ...stringMap(workflow.env, context()),
        ...stringMap(job.env, context()),
        ...stringMap(step.env, context()),
        ...readEnvFile(files.env),
        GITHUB_WORKSPACE: workspace,
        RUNNER_TEMP: temp,
        GITHUB_ENV: files.env,
        GITHUB_PATH: files.path,
        GITHUB_OUTPUT: files.output,
        GITHUB_STEP_SUMMARY: files.summary,
        GITHUB_ACTIONS: 'true',
      };
      const extraPath = readFileSync(files.path, 'utf8').split('\n').filter(Boolean).reverse();
      env.PATH = [...extraPath, env.PATH].join(':');
      const cwd = step['working-directory'] === undefined ? workspace : join(workspace, interpolate(step['working-directory'], context()));
      const script = join(temp, `step-${id}-${i}.sh`);
      writeFileSync(script, interpolate(step.run, context()));
      const run = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd, env, encoding: 'utf8', timeout: 120_000 });
      result = { job: id, name, code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
      if (step.id !== undefined) steps[step.id] = { outputs: readEnvFile(files.output) };
    }
    stepResults.push(result);
    if (result.code !== 0 && !step['continue-on-error']) failed = true;
  }
  const outputs = Object.fromEntries(Object.entries(job.outputs ?? {}).map(([k, v]) => [k, interpolate(v, context())]));
  const jobFailed = failed && !job['continue-on-error'];
  return { result: jobFailed ? 'failure' : 'success', steps: stepResults, summary: readFileSync(files.summary, 'utf8'), outputs, runnerDir };
}

function baseEnv(): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    npm_config_offline: 'true',
  };
}

function stringMap(map: Json | undefined, context: Context): Record<string, string> {
  return Object.fromEntries(Object.entries(map ?? {}).map(([k, v]) => [k, interpolate(v, context)]));
}

/** `NAME=value` lines (the heredoc form is not needed here). */
function readEnvFile(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) out[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return out;
}

let artifactCount = 0;

function emulateAction(
  uses: string,
  inputs: Record<string, string>,
  workspace: string,
  store: string,
  repo: string,
  setOutput: (key: string, value: string) => void,
): { code: number; stdout: string; stderr: string } {
  const action = uses.split('@')[0];
  if (!/@[0-9a-f]{40}$/.test(uses)) return { code: 1, stdout: '', stderr: `${uses} is not pinned by commit SHA` };
  if (action === 'actions/checkout') {
    const dest = join(workspace, inputs.path ?? '');
    const clone = spawnSync('git', ['clone', '-q', '--no-checkout', repo, dest], { encoding: 'utf8' });
    const checkout = clone.status === 0 ? spawnSync('git', ['-C', dest, 'checkout', '-q', '--detach', inputs.ref], { encoding: 'utf8' }) : clone;
    return { code: checkout.status ?? 1, stdout: '', stderr: `${clone.stderr}${checkout === clone ? '' : checkout.stderr}` };
  }
  if (action === 'actions/setup-node') return { code: 0, stdout: '', stderr: '' };
  if (action === 'actions/upload-artifact') {
    const id = String(++artifactCount);
    const source = join(workspace, inputs.path);
    if (!existsSync(source)) return { code: 1, stdout: '', stderr: `no files at ${inputs.path}` };
    cpSync(source, join(store, id), { recursive: true });
    writeFileSync(join(store, `${id}.name`), inputs.name);
    setOutput('artifact-id', id);
    return { code: 0, stdout: '', stderr: '' };
  }
  if (action === 'actions/download-artifact') {
    const id = inputs['artifact-ids'];
    if (!id || !existsSync(join(store, id))) return { code: 1, stdout: '', stderr: `no artifact ${id}` };
    const dest = inputs.path.startsWith('/') ? inputs.path : join(workspace, inputs.path);
    mkdirSync(dirname(dest), { recursive: true });
    cpSync(join(store, id), dest, { recursive: true });
    return { code: 0, stdout: '', stderr: '' };
  }
  throw new Error(`action not emulated: ${uses}`);
}
