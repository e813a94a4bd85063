import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';

/**
 * The deployment files in infra/ are checked without Docker or a cluster: the
 * compose file by Debian's docker-compose (`config`), each Kubernetes object by
 * the API's own OpenAPI schema (kubernetes-models), plus what an operator relies
 * on: probes, graceful termination, settings from a Secret, Redis that never evicts.
 */
const infra = fileURLToPath(new URL('../infra/', import.meta.url));

/** A Kubernetes object checked against its kind's schema; throws on the first violation. */
async function validateObject(doc: { apiVersion: string; kind: string }): Promise<void> {
  const [group, version] = doc.apiVersion.includes('/') ? doc.apiVersion.split('/') : [undefined, doc.apiVersion];
  const mod = await import(/* @vite-ignore */ `kubernetes-models/${group ? `${group}/` : ''}${version}/${doc.kind}`);
  new mod[doc.kind](doc).validate();
}

const k8sObjects = () =>
  readdirSync(`${infra}k8s`)
    .filter((f) => f.endsWith('.yaml'))
    .flatMap((file) => parseAllDocuments(readFileSync(`${infra}k8s/${file}`, 'utf8')).map((d) => ({ file, obj: d.toJS() })));

describe('docker-compose.yml', () => {
  const config = () =>
    parse(execFileSync('docker-compose', ['-f', `${infra}docker-compose.yml`, 'config'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));

  it('is valid for docker-compose and runs PostgreSQL, Redis, a mail catcher, the API and the worker', () => {
    const c = config();
    expect(Object.keys(c.services).sort()).toEqual(['api', 'mail', 'postgres', 'redis', 'seed', 'worker']);
    expect(c.services.api.build.target).toBe('api');
    expect(c.services.worker.build.target).toBe('worker');
    for (const s of ['api', 'worker']) {
      expect(c.services[s].environment.SMTP_HOST).toBe('mail');
      expect(c.services[s].environment.QUEUE_PREFIX).toMatch(/^\{.+\}$/);
      expect(c.services[s].depends_on.postgres.condition).toBe('service_healthy');
      expect(c.services[s].stop_grace_period).toBe('60s');
    }
  });

  it('runs Redis with noeviction, AOF persistence and hz 100', () => {
    const cmd: string[] = config().services.redis.command;
    const opt = (name: string) => cmd[cmd.indexOf(name) + 1];
    expect(opt('--maxmemory-policy')).toBe('noeviction');
    expect(opt('--appendonly')).toBe('yes');
    expect(opt('--hz')).toBe('100');
  });

  it('is refused by docker-compose when it is wrong (the check is live)', () => {
    const broken = readFileSync(`${infra}docker-compose.yml`, 'utf8').replace('stop_grace_period: 60s', 'stop_grace_period: 60s\n  restart_policy_typo: true');
    expect(() => execFileSync('docker-compose', ['-f', '-', 'config', '-q'], { input: broken, cwd: infra, stdio: ['pipe', 'pipe', 'pipe'] })).toThrow(
      /restart_policy_typo/,
    );
  });
});

describe('Kubernetes manifests', () => {
  it('validate against the Kubernetes API schemas', async () => {
    const objects = k8sObjects();
    expect(objects.map(({ obj }) => `${obj.kind}/${obj.metadata.name}`).sort()).toEqual([
      'ConfigMap/dondoc-config',
      'Deployment/dondoc-api',
      'Deployment/dondoc-worker',
      'PodDisruptionBudget/dondoc-api',
      'PodDisruptionBudget/dondoc-worker',
      'Secret/dondoc-secrets',
      'Service/dondoc-api',
      'Service/dondoc-worker-metrics',
    ]);
    for (const { file, obj } of objects) {
      await expect(validateObject(obj), `${file}: ${obj.kind}/${obj.metadata.name}`).resolves.toBeUndefined();
    }
  });

  it('the validator refuses a wrong object (the check is live)', async () => {
    const api = k8sObjects().find(({ obj }) => obj.kind === 'Deployment')!.obj;
    const broken = structuredClone(api);
    broken.spec.template.spec.containers[0].ports[0].containerPort = 'three thousand';
    await expect(validateObject(broken)).rejects.toThrow(/containerPort/);
  });

  it('gives every Deployment replicas, readiness and liveness probes, a grace period and its settings from the Secret', () => {
    const deployments = k8sObjects()
      .filter(({ obj }) => obj.kind === 'Deployment')
      .map(({ obj }) => obj);
    for (const d of deployments) {
      const pod = d.spec.template.spec;
      const c = pod.containers[0];
      expect(d.spec.replicas, d.metadata.name).toBeGreaterThanOrEqual(2);
      expect(c.readinessProbe.httpGet.path).toBe('/readyz');
      expect(c.livenessProbe.httpGet.path).toBe('/healthz');
      expect(pod.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(60);
      expect(c.envFrom).toContainEqual({ secretRef: { name: 'dondoc-secrets' } });
      // Every selector matches its pod template, or the Deployment would never own its pods.
      expect(d.spec.template.metadata.labels).toMatchObject(d.spec.selector.matchLabels);
    }
    const secret = k8sObjects().find(({ obj }) => obj.kind === 'Secret')!.obj;
    expect(Object.keys(secret.stringData)).toEqual(expect.arrayContaining(['DATABASE_URL', 'REDIS_URL', 'SMTP_PASS']));
  });
});
