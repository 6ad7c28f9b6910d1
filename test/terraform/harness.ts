/**
 * Terraform-level test harness: runs the real `terraform` binary (1.11.4) on the real
 * synthesized `cdk.tf.json` of a stack, to prove what Terraform does with it (replacements,
 * their order, check blocks, outputs, escaping) instead of reading our own JSON back.
 *
 * No provider plugin can be downloaded here, so {@link withStandIns} rewrites the JSON
 * mechanically before Terraform reads it:
 * - each resource of a provider we cannot install (Cloudflare tokens, GitHub Actions secrets)
 *   becomes a `terraform_data` named `<type>__<name>` whose `input` holds the same arguments,
 *   with the same `lifecycle` (`replace_triggered_by` and `depends_on` addresses rewritten,
 *   an ignored argument `a` becoming `input.a`, and `triggers_replace.a` when ForceNew)
 *   and `count`/`for_each`; arguments the real provider marks ForceNew also go into
 *   `triggers_replace`, so that changing them replaces the stand-in as it would the resource;
 * - every reference to such a resource (`cloudflare_api_token.x.value`) reads a local
 *   `standin__<type>__<name>`: the stand-in's `input` merged with the attributes the real
 *   provider computes, reproduced as {@link STAND_INS} describes (with the provider source);
 * - `plantimestamp()` becomes `var.plan_time`, so that a test plans "on" any day;
 * - `provider` blocks and the `terraform` block (required providers, backend) are dropped:
 *   state is local, in the workspace directory.
 * - a provider's refresh that drops an object from state (a due `time_rotating`) is done by
 *   the workspace before each plan (`terraform state rm`).
 * A resource type with no stand-in, a data source of another provider, or a lifecycle the
 * rewrite cannot carry over fails loudly: the harness never drops what it cannot translate.
 *
 * {@link TerraformWorkspace} then runs `init` once in a temp directory (nothing to download:
 * `terraform_data` is built in, so init is instant) and `plan`/`apply` as many times as a
 * timeline needs, each "on" a given instant; a test asserts on `terraform show -json` of the
 * saved plan (`resource_changes[].change.actions`: `["create","delete"]` is a replacement
 * new-one-first, `["delete","create"]` old-one-first; `checks` for check blocks) and on
 * `terraform show -json` of the state.
 *
 * When `terraform` is not on the PATH, every workspace throws: the suite fails, it never
 * skips (`.ci/run` also checks `terraform version` up front).
 *
 * Use, from any test (give the file a generous `jest.setTimeout`: each terraform run takes a
 * fraction of a second on an idle machine, seconds on a busy one):
 *
 *   const ws = new TerraformWorkspace(withStandIns(synthesizeStack(stack)));
 *   try {
 *     const plan = ws.deploy('2027-01-01T00:00:00Z');        // plan + apply "on" that instant
 *     expect(plan.actions('cloudflare_api_token.x')).toEqual(['create']);
 *     expect(ws.plan('2027-01-31T00:00:00Z').replaced).toEqual({ ... }); // plan only
 *     expect(ws.plan(at).failedChecks).toEqual([]);          // check blocks
 *     ws.state(); ws.outputs(); ws.tokenValue('cloudflare_api_token.x');
 *   } finally {
 *     ws.dispose();
 *   }
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TerraformStack, Testing } from 'cdktf';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/** The Terraform the project supports, and every machine here has. */
export const TERRAFORM_VERSION = '1.11.4';

/** How a provider resource is reproduced by a `terraform_data` stand-in. */
interface StandIn {
  /** Arguments whose change replaces the real resource (ForceNew / RequiresReplace). */
  readonly forceNew: readonly string[];
  /** Attributes the real provider computes: name -> HCL expression over `D` (the stand-in's address). */
  readonly computed: Readonly<Record<string, string>>;
  /** Arguments the stand-in cannot reproduce: configuring one is refused. */
  readonly unsupported?: readonly string[];
  /** Rewrites the stand-in's `input` (e.g. to record a value the provider computes once at create). */
  readonly input?: (input: Record<string, Json>) => Record<string, Json>;
  /** Arguments of `input` to keep from the first create (the provider computes them once). */
  readonly keep?: readonly string[];
  /**
   * The provider's refresh: whether a `terraform plan` at `at` finds the object gone (the
   * workspace then removes it from state before planning, as the provider's Read would).
   */
  readonly goneAt?: (input: Json, at: string) => boolean;
}

/**
 * `value` of a Cloudflare token, as provider 5.14 plans it. The provider returns the value
 * only when it creates the token and never reads it back (DESIGN.md); its schema
 * (cloudflare/terraform-provider-cloudflare, internal/services/api_token/schema.go: `value`
 * is Computed and Sensitive with no UseStateForUnknown plan modifier) makes it unknown in the
 * plan of any create and of any in-place update. The stand-in's value is derived from its
 * `id` (a new UUID at each create) and is unknown whenever its `output` is, i.e. on create
 * and on any change of its inputs. The account token is treated the same way (the
 * conservative reading: a plan never shows the old value kept).
 */
const TOKEN_VALUE = 'sensitive(D.output == null ? "" : "cftoken-${D.id}")';

const TOKEN: StandIn = {
  // account_id: "forces replacement when changed" (DESIGN.md, Domain facts).
  forceNew: ['account_id'],
  computed: { id: 'D.id', value: TOKEN_VALUE },
};

/**
 * integrations/terraform-provider-github 6.9.0, github/resource_github_actions_secret.go and
 * resource_github_actions_environment_secret.go: every argument (repository, environment,
 * secret_name, plaintext_value, encrypted_value) is ForceNew, so a new value deletes the secret
 * and creates it again.
 */
const SECRET: StandIn = {
  forceNew: ['repository', 'environment', 'secret_name', 'plaintext_value', 'encrypted_value'],
  computed: { id: 'D.id' },
};

/**
 * hashicorp/time 0.13.1, internal/provider/resource_time_rotating.go: `rfc3339` (the base,
 * default the time of the Create) and `triggers` RequiresReplace; `rotation_rfc3339` is the
 * base plus the rotation_* durations, recomputed in place when they change (ModifyPlan,
 * Update); `Read` removes the resource from state once the current time is after
 * `rotation_rfc3339`, so the next plan creates it. The stand-in takes the base from the plan
 * time (the provider from the apply's clock) and supports rotation_days/hours/minutes.
 */
const TIME_ROTATING: StandIn = {
  forceNew: ['rfc3339', 'triggers'],
  unsupported: ['rotation_months', 'rotation_years', 'rotation_rfc3339'],
  input: (input) => ({ ...input, rfc3339: input.rfc3339 ?? '${var.plan_time}' }),
  keep: ['rfc3339'],
  computed: {
    id: 'D.input.rfc3339',
    rfc3339: 'D.input.rfc3339',
    rotation_rfc3339:
      'timeadd(D.input.rfc3339, format("%dm", try(D.input.rotation_days, 0) * 1440 + try(D.input.rotation_hours, 0) * 60 + try(D.input.rotation_minutes, 0)))',
  },
  goneAt: (input, at) => {
    const minutes = (input.rotation_days ?? 0) * 1440 + (input.rotation_hours ?? 0) * 60 + (input.rotation_minutes ?? 0);
    return Date.parse(at) > Date.parse(input.rfc3339) + minutes * 60_000;
  },
};

/** Every provider resource type the harness can stand in for. */
export const STAND_INS: Readonly<Record<string, StandIn>> = {
  cloudflare_api_token: TOKEN,
  cloudflare_account_token: TOKEN,
  github_actions_secret: SECRET,
  github_actions_environment_secret: SECRET,
  time_rotating: TIME_ROTATING,
};

/** The real `cdk.tf.json` of a stack, "//" metadata included (as `cdktf synth` writes it). */
export function synthesizeStack(stack: TerraformStack): Json {
  const outdir = Testing.fullSynth(stack);
  return JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', stack.node.id, 'cdk.tf.json'), 'utf8'));
}

const META_ARGUMENTS = new Set(['lifecycle', 'depends_on', 'count', 'for_each', 'provider', '//', 'connection', 'provisioner']);

/** The stand-in address of a provider resource. */
export function standInAddress(type: string, name: string): string {
  return `terraform_data.${type}__${name}`;
}

/** What `terraform show -json` calls the address of a stand-in. */
export function standInOf(address: string): string {
  const [type, name] = address.split('.');
  return STAND_INS[type] ? standInAddress(type, name) : address;
}

/** Rewrites a synthesized cdk.tf.json so that `terraform` can run it with no provider plugin (see the file comment). */
export function withStandIns(cdkTfJson: Json): Json {
  const json: Json = JSON.parse(JSON.stringify(cdkTfJson));
  delete json.provider;
  delete json.terraform;
  for (const [type, ofType] of Object.entries((json.data ?? {}) as Record<string, unknown>)) {
    if (!type.startsWith('terraform_')) throw new Error(`harness: no stand-in for data source type ${type} (${Object.keys(ofType as object).join(', ')})`);
  }
  const resources: Record<string, Record<string, Json>> = json.resource ?? {};
  const replaced = new Set<string>();
  for (const type of Object.keys(resources)) {
    if (type === 'terraform_data') continue;
    if (!STAND_INS[type]) throw new Error(`harness: no stand-in for resource type ${type} (${Object.keys(resources[type]).join(', ')}); add one to STAND_INS with the provider's behaviour`);
    replaced.add(type);
  }

  const rewriteExpression = (text: string) => rewriteInterpolations(text, (expr) => rewriteReferences(expr, replaced));
  const rewriteAll = (value: Json): Json => {
    if (typeof value === 'string') return rewriteExpression(value);
    if (Array.isArray(value)) return value.map(rewriteAll);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === '//' ? v : rewriteAll(v)]));
    return value;
  };
  const rewriteAddress = (address: string) => {
    const [type, name, ...rest] = address.split('.');
    if (!replaced.has(type)) return address;
    if (rest.length > 0) throw new Error(`harness: cannot carry over the attribute reference ${address}; only whole resources`);
    return standInAddress(type, name);
  };

  const standIns: Record<string, Json> = {};
  const locals: Record<string, string> = {};
  for (const type of replaced) {
    const spec = STAND_INS[type];
    for (const [name, config] of Object.entries(resources[type])) {
      let input: Record<string, Json> = {};
      for (const [key, value] of Object.entries(config as Record<string, Json>)) if (!META_ARGUMENTS.has(key)) input[key] = value;
      for (const key of spec.unsupported ?? []) if (key in input) throw new Error(`harness: ${type}.${name} sets ${key}, which the stand-in does not reproduce`);
      const forceNew = Object.fromEntries(spec.forceNew.filter((k) => k in input).map((k) => [k, input[k]]));
      if (spec.input) input = spec.input(input);
      if (config.provisioner || config.connection) throw new Error(`harness: ${type}.${name} has provisioners, which the stand-in cannot run`);
      const lifecycle = config.lifecycle ? { ...config.lifecycle } : undefined;
      if (lifecycle?.precondition || lifecycle?.postcondition) {
        throw new Error(`harness: ${type}.${name} has lifecycle ${Object.keys(lifecycle).join(', ')}, which the stand-in does not carry over yet`);
      }
      // An ignored argument is ignored where the stand-in keeps it: in input, and in triggers_replace if ForceNew.
      if (lifecycle?.ignore_changes && lifecycle.ignore_changes !== 'all') {
        lifecycle.ignore_changes = (lifecycle.ignore_changes as string[]).flatMap((attribute) => {
          if (!/^[a-z_][a-z0-9_]*$/.test(attribute)) throw new Error(`harness: ${type}.${name} ignores ${attribute}: only top-level arguments are carried over`);
          return spec.forceNew.includes(attribute) ? [`input.${attribute}`, `triggers_replace.${attribute}`] : [`input.${attribute}`];
        });
      }
      if (lifecycle?.replace_triggered_by) lifecycle.replace_triggered_by = lifecycle.replace_triggered_by.map(rewriteAddress);
      const kept = (spec.keep ?? []).map((k) => `input.${k}`);
      const standInName = `${type}__${name}`;
      const ignored = lifecycle?.ignore_changes === 'all' ? 'all' : [...(lifecycle?.ignore_changes ?? []), ...kept];
      standIns[standInName] = {
        input,
        ...(Object.keys(forceNew).length > 0 ? { triggers_replace: forceNew } : {}),
        ...(lifecycle || ignored.length > 0 ? { lifecycle: { ...lifecycle, ...(ignored.length > 0 ? { ignore_changes: ignored } : {}) } } : {}),
        ...(config.depends_on ? { depends_on: config.depends_on.map(rewriteAddress) } : {}),
        ...(config.count !== undefined ? { count: config.count } : {}),
        ...(config.for_each !== undefined ? { for_each: config.for_each } : {}),
      };
      const address = `terraform_data.${standInName}`;
      const computed = Object.entries(spec.computed).map(([k, expr]) => `${k} = ${expr.replace(/\bD\./g, `${address}.`)}`);
      locals[`standin__${standInName}`] = `\${merge(${address}.input, { ${computed.join(', ')} })}`;
    }
    delete resources[type];
  }

  const out = rewriteAll(json);
  // Addresses in lifecycle and depends_on of the resources that stay (terraform_data) too.
  for (const config of Object.values((out.resource?.terraform_data ?? {}) as Record<string, Json>)) {
    if (config.lifecycle?.replace_triggered_by) config.lifecycle.replace_triggered_by = config.lifecycle.replace_triggered_by.map(rewriteAddress);
    if (config.depends_on) config.depends_on = config.depends_on.map(rewriteAddress);
  }
  for (const config of Object.values((out.output ?? {}) as Record<string, Json>)) if (config.depends_on) config.depends_on = config.depends_on.map(rewriteAddress);
  out.resource = { ...(out.resource ?? {}), terraform_data: { ...(out.resource?.terraform_data ?? {}), ...rewriteAll(standIns) } };
  out.locals = { ...(out.locals ?? {}), ...locals };
  out.variable = { ...(out.variable ?? {}), plan_time: { type: 'string', description: 'harness: the plan time plantimestamp() stands for' } };
  return out;
}

/** Applies `rewrite` to the expression inside every `${ ... }` of a Terraform string template (`$${` is a literal). */
export function rewriteInterpolations(text: string, rewrite: (expression: string) => string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('$${', i)) {
      out += '$${';
      i += 3;
      continue;
    }
    if (!text.startsWith('${', i)) {
      out += text[i++];
      continue;
    }
    let depth = 1;
    let j = i + 2;
    while (j < text.length && depth > 0) {
      const c = text[j];
      if (c === '"') {
        j++;
        while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      } else if (c === '{') depth++;
      else if (c === '}') depth--;
      j++;
    }
    if (depth !== 0) throw new Error(`harness: unbalanced interpolation in ${JSON.stringify(text)}`);
    out += '${' + rewrite(text.slice(i + 2, j - 1)) + '}';
    i = j;
  }
  return out;
}

function rewriteReferences(expression: string, replaced: ReadonlySet<string>): string {
  let out = expression.replace(/\bplantimestamp\(\)/g, 'var.plan_time');
  for (const type of replaced) {
    out = out.replace(new RegExp(`(?<![\\w.-])${type}\\.([A-Za-z_][\\w-]*)`, 'g'), (_m, name: string) => `local.standin__${type}__${name}`);
  }
  return out;
}

/** One action of `terraform show -json <plan>`'s `resource_changes`. */
export interface ResourceChange {
  readonly address: string;
  readonly type: string;
  readonly change: { readonly actions: string[]; readonly before: Json; readonly after: Json; readonly after_unknown: Json };
  readonly action_reason?: string;
}

/** A saved plan as `terraform show -json` prints it. */
export class Plan {
  /** After {@link TerraformWorkspace.deploy}: `"<action> <address>"` in the order the apply completed them (`create`, `delete`, `update`). */
  public readonly applied: string[] = [];

  constructor(public readonly json: Json) {}

  get changes(): ResourceChange[] {
    return this.json.resource_changes ?? [];
  }

  /** The actions planned for `address` (a stand-in address is found from the real one), `["no-op"]` if unchanged. */
  actions(address: string): string[] {
    const found = this.changes.find((c) => c.address === standInOf(address));
    if (!found) throw new Error(`harness: ${address} is not in the plan (${this.changes.map((c) => c.address).join(', ')})`);
    return found.change.actions;
  }

  change(address: string): ResourceChange {
    const found = this.changes.find((c) => c.address === standInOf(address));
    if (!found) throw new Error(`harness: ${address} is not in the plan`);
    return found;
  }

  /** Addresses with any action but no-op (and read), sorted. */
  get changed(): string[] {
    return this.changes
      .filter((c) => !c.change.actions.every((a) => a === 'no-op' || a === 'read'))
      .map((c) => c.address)
      .sort();
  }

  /** Addresses planned for replacement, with the order: `create-first` or `delete-first`. */
  get replaced(): Record<string, 'create-first' | 'delete-first'> {
    const out: Record<string, 'create-first' | 'delete-first'> = {};
    for (const c of this.changes) {
      const a = c.change.actions.join(',');
      if (a === 'create,delete') out[c.address] = 'create-first';
      if (a === 'delete,create') out[c.address] = 'delete-first';
    }
    return out;
  }

  /** Check blocks whose assertion failed at this plan: `{ address, messages }`. */
  get failedChecks(): { address: string; messages: string[] }[] {
    return (this.json.checks ?? [])
      .filter((c: Json) => c.status === 'fail')
      .map((c: Json) => ({
        address: c.address?.to_display ?? c.address,
        messages: (c.instances ?? []).flatMap((i: Json) => (i.problems ?? []).map((p: Json) => p.message)),
      }));
  }

  /** Every check block's status (`pass`, `fail`, `unknown`), by address. */
  get checkStatuses(): Record<string, string> {
    return Object.fromEntries((this.json.checks ?? []).map((c: Json) => [c.address?.to_display ?? String(c.address), c.status]));
  }
}

/** The result of one `terraform` run. */
interface Run {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * A temp directory holding one configuration and its local state, on which a test runs
 * `terraform` as a timeline of deploys. Call {@link dispose} when done.
 */
export class TerraformWorkspace {
  public readonly dir: string;
  private plans = 0;
  /**
   * `terraform show -json` of the state, as printed, until a command that may change the
   * state runs: a timeline reads the state several times per deploy (before the plan, for the
   * test, for each token value), and each read is a terraform process.
   */
  private stateText: string | undefined;

  /** `config` is Terraform JSON already free of provider resources (see {@link withStandIns}). */
  constructor(config: Json) {
    requireTerraform();
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cft-terraform-'));
    this.setConfig(config);
    this.run(['init', '-input=false', '-no-color']);
  }

  /** Replaces the configuration (a code change between deploys); state stays. */
  setConfig(config: Json): void {
    this.stateText = undefined;
    fs.writeFileSync(path.join(this.dir, 'main.tf.json'), JSON.stringify(config, null, 1));
  }

  /**
   * `terraform plan` "on" `at` (RFC 3339), saved and returned as JSON; nothing applied. First,
   * as the provider's refresh would, removes from state the stand-ins their provider would
   * find gone at `at` ({@link StandIn.goneAt}: a due `time_rotating`).
   */
  plan(at: string): Plan {
    for (const [address, values] of Object.entries(this.state())) {
      const type = /^terraform_data\.(.+?)__/.exec(address)?.[1];
      const goneAt = type === undefined ? undefined : STAND_INS[type]?.goneAt;
      if (goneAt?.(values.input, at)) this.run(['state', 'rm', '-lock=false', address]);
    }
    const file = `plan-${++this.plans}.tfplan`;
    this.run(['plan', '-input=false', '-lock=false', '-no-color', `-var=plan_time=${at}`, `-out=${file}`]);
    const plan = new Plan(JSON.parse(this.run(['show', '-json', '-no-color', file]).stdout));
    (plan as { file?: string }).file = file;
    return plan;
  }

  /**
   * A deploy "on" `at`: plan, then apply that saved plan. Returns the plan, with
   * {@link Plan.applied}: the operations in the order Terraform completed them.
   */
  deploy(at: string): Plan {
    const plan = this.plan(at);
    if (plan.changed.length === 0) return plan;
    const log = this.run(['apply', '-json', '-input=false', '-lock=false', '-auto-approve', (plan as { file?: string }).file as string]).stdout;
    for (const line of log.split('\n')) {
      if (line.trim() === '') continue;
      const event = JSON.parse(line);
      if (event.type === 'apply_complete') plan.applied.push(`${event.hook.action} ${event.hook.resource.addr}`);
    }
    return plan;
  }

  /** `terraform show -json` of the state: `values.root_module.resources`, by address. */
  state(): Record<string, Json> {
    // No state file yet means nothing deployed (the state is local: withStandIns drops any
    // backend), which is what `show` would print, without a terraform run per fresh workspace.
    this.stateText ??= fs.existsSync(path.join(this.dir, 'terraform.tfstate')) ? this.run(['show', '-json', '-no-color']).stdout : '{}';
    // Parsed at each call: a caller may change what it gets without changing the next one's.
    const json = JSON.parse(this.stateText);
    return Object.fromEntries(((json.values?.root_module?.resources ?? []) as Json[]).map((r) => [r.address, r.values]));
  }

  /** `terraform output -json`: every output's value, sensitive ones included. */
  outputs(): Record<string, Json> {
    const json = JSON.parse(this.run(['output', '-json', '-no-color']).stdout);
    return Object.fromEntries(Object.entries(json as Record<string, Json>).map(([k, v]) => [k, v.value]));
  }

  /** The value of a stand-in token as the provider would have returned it at create, from state. */
  tokenValue(address: string): string {
    const values = this.state()[standInOf(address)];
    if (!values) throw new Error(`harness: ${address} is not in the state`);
    return `cftoken-${values.id}`;
  }

  dispose(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  /** Runs terraform; any non-zero exit is an error that shows terraform's output. */
  run(args: string[]): Run {
    // Only `show` and `output` are known to leave the state as it is.
    if (!READ_ONLY_COMMANDS.has(args[0])) this.stateText = undefined;
    const result = spawnSync('terraform', args, { cwd: this.dir, encoding: 'utf8', env: terraformEnv(), maxBuffer: 256 * 1024 * 1024 });
    if (result.error) throw new Error(`harness: could not run terraform ${args[0]}: ${result.error.message}`);
    if (result.status !== 0) throw new Error(`terraform ${args.join(' ')} failed (exit ${result.status}) in ${this.dir}:\n${result.stdout}\n${result.stderr}`);
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }
}

/** Terraform commands that only read the state (the state cache of a workspace survives them). */
const READ_ONLY_COMMANDS = new Set(['show', 'output']);

function terraformEnv(): NodeJS.ProcessEnv {
  return { ...process.env, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1', TF_INPUT: '0' };
}

let checked = false;

/** Throws, loudly and with the fix, when `terraform` is missing or not the supported version. */
export function requireTerraform(env: NodeJS.ProcessEnv = terraformEnv()): void {
  const usual = env.PATH === process.env.PATH;
  if (checked && usual) return;
  const result = spawnSync('terraform', ['version', '-json'], { encoding: 'utf8', env });
  if (result.error || result.status !== 0) {
    throw new Error(
      `The Terraform suite (test/terraform) needs the terraform binary ${TERRAFORM_VERSION} on the PATH and could not run it` +
        `${result.error ? ` (${result.error.message})` : ''}. It is not skipped: install terraform ${TERRAFORM_VERSION} (https://developer.hashicorp.com/terraform/install) and rerun.`,
    );
  }
  const version = JSON.parse(result.stdout).terraform_version;
  if (version !== TERRAFORM_VERSION) throw new Error(`The Terraform suite is written against terraform ${TERRAFORM_VERSION}; found ${version}.`);
  checked = usual;
}

/** `start` plus `days` (may be fractional), as RFC 3339 without milliseconds. */
export function daysAfter(start: string, days: number): string {
  return new Date(Date.parse(start) + days * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
