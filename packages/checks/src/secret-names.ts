/**
 * Which names hold secrets, and which literal values beside such a name are harmless. Shared by
 * env vars, command-line flags, ConfigMap keys and lines, and annotations (CHECKS X1).
 */

/** Name parts that mean secret material, matched anywhere in the name (`DBPASS`, `MYSQL_PWD`, `apiToken`). */
const SECRET_WORDS = /pass(word|wd|phrase)?|pwd|secret|token|credential|creds|private_?key|api_?key|access_?key|signing_?key|encryption_?key|auth_?key/i;
/** Words that contain one of the parts above but say nothing secret. */
const HARMLESS_WORDS = /bypass|passthrough|passive|compass|passenger|passport|tokeniz|keyspace|public_?key|(cache|sort|partition|primary|foreign|routing|idempotency)_?key/gi;
/** A name ending in a separate `KEY` word (`STRIPE_KEY`, `tls.key`); a bare `key` is a lookup key, not a secret. */
const KEY_WORD = /[^a-z]key$/i;

/**
 * Suffixes after which a name describes a secret rather than holding it, each with the only values
 * that prove it: a `_FILE`/`_PATH`/`_DIR` holding an absolute path (a mounted Secret: the Docker
 * `*_FILE` convention), a `_URL`/`_ENDPOINT` holding a URL without credentials, a `_HOST` holding a
 * dotted name or a host:port (a bare word could be the password), an `_AUDIENCE`/`_ISSUER` the
 * same or an https URL, and
 * times or sizes (`_TTL`, `_TIMEOUT`, `_LENGTH`...) holding a number. `_REF`, `_NAME` and `_ID` are
 * not on the list: any string passes for a "reference", so `DB_PASSWORD_REF=hunter2` is a password.
 */
const DESCRIPTIVE_SUFFIXES: Array<[suffix: RegExp, value: RegExp]> = [
  [/[_.-]?(file|path|dir)$/i, /^\/[^\s]*$/],
  [/[_.-]?(url|uri|endpoint)$/i, /^(?![^\s]*:\/\/[^/\s:@]+:[^/\s@]*@)[a-z][a-z0-9+.-]*:\/\/\S+$/i],
  [/[_.-]?(host|audience|issuer)$/i, /^[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?$|^[a-z0-9.-]+:\d+$|^https:\/\/[^\s@]+$/i],
  [/[_.-]?(ttl|timeout|expiry|expiration|lifetime|seconds|minutes|length|size|bits|rounds|interval)$/i, /^\d+(\.\d+)?(ms|s|m|h|d)?$/],
  [/[_.-]?(enabled|required|disabled)$/i, /^(true|false)$/i],
  // A login name beside a secret word (`REGISTRY_CREDENTIAL_USERNAME`): one word, never `user:password`.
  [/[_.-]?user(_?name)?$/i, /^[a-z_][a-z0-9_.@-]{0,63}$/i],
  // Where a secret lives, by Kubernetes name: `--tls-secret-name` holding a DNS-1123 name with a dash or
  // dot, `inject-ca-from-secret` holding `<namespace>/<name>`. A password-like word (`hunter2`) still fails.
  [/[_.-]?secret[_-]?name$/i, /^[a-z0-9]+([.-][a-z0-9]+)+$/],
  [/[_.-]?from[_-]?secret$/i, /^[a-z0-9]([a-z0-9-]*[a-z0-9])?\/[a-z0-9]+([.-][a-z0-9]+)*$/],
  // A field or label selector (`--secret-field-selector=type!=kubernetes.io/dockercfg`): `key op value` terms.
  [/[_.-]?selector$/i, /^[a-z0-9_./-]+(!=|==|=)[a-z0-9_./-]+(,[a-z0-9_./-]+(!=|==|=)[a-z0-9_./-]+)*$/i],
];
/** Values that only point at where a secret comes from (`$(VAR)`, `${VAR}`, `$VAR` expansions), or hold nothing (YAML null). */
const EXPANSION = /^\$(\([A-Za-z_][A-Za-z0-9_]*\)|\{[^{}\s]+\}|[A-Z_][A-Z0-9_]*)$|^(null|Null|NULL|~)$/;

/** True when a name says it holds a secret. */
export function isSensitiveName(name: string): boolean {
  if (name === "PWD") return false; // the shell's working directory
  const cleaned = name.replace(HARMLESS_WORDS, "");
  return SECRET_WORDS.test(cleaned) || KEY_WORD.test(cleaned);
}

/** True when a literal value beside a secret-looking name is a harmless description (a path, an address, a number) or an expansion. */
export function isHarmlessValue(name: string, value: string): boolean {
  const v = value.trim();
  if (v === "" || EXPANSION.test(v)) return true;
  return DESCRIPTIVE_SUFFIXES.some(([suffix, shape]) => suffix.test(name) && shape.test(v));
}

/** True when `name` holds a literal secret: a secret-looking name whose value is not a harmless description. */
export function holdsSecret(name: string, value: string): boolean {
  return isSensitiveName(name) && !isHarmlessValue(name, value);
}
