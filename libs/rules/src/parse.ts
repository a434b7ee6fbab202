import { Ajv, type ErrorObject } from 'ajv';
import { isMap, isSeq, LineCounter, parseDocument, type Document, type YAMLError } from 'yaml';
import { RulesetError } from './errors';
import { RULESET_SCHEMA } from './ruleset.schema';

export type ParameterValue = string | number | boolean | readonly (string | number | boolean)[];

export type RuleDocument = Readonly<{
  id: string;
  title: string;
  appliesTo: readonly string[];
  severity: 'block' | 'warn';
  when?: string;
  assert: string;
  message: string;
  reference: string;
}>;

/** A ruleset file as written, after YAML parsing and schema validation. */
export type RulesetDocument = Readonly<{
  id: string;
  version: string | number;
  title: string;
  source: string;
  parameters?: Readonly<Record<string, ParameterValue>>;
  rules: readonly RuleDocument[];
}>;

export type PathSegment = string | number;

export type ParsedRuleset = Readonly<{
  file: string;
  document: RulesetDocument;
  /** 1-based line of the node at `path` (e.g. `['rules', 3, 'assert']`), where it exists. */
  lineOf: (path: readonly PathSegment[]) => number | undefined;
}>;

const validate = new Ajv({ allErrors: false, strict: true, allowUnionTypes: true }).compile(RULESET_SCHEMA);

const pathOf = (pointer: string): PathSegment[] =>
  pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));

const describeSchemaError = (error: ErrorObject): string => {
  const at = error.instancePath === '' ? 'the ruleset' : error.instancePath.slice(1).replace(/\//g, '.');
  if (error.keyword === 'additionalProperties') {
    return `unknown field '${(error.params as { additionalProperty: string }).additionalProperty}' in ${at}`;
  }
  if (error.keyword === 'required') {
    return `missing field '${(error.params as { missingProperty: string }).missingProperty}' in ${at}`;
  }
  if (error.keyword === 'enum') {
    return `${at} must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
  }
  return `${at} ${error.message ?? 'is invalid'}`;
};

/** The id of the rule a document path points into, if the document got that far. */
export const ruleIdAt = (data: unknown, path: readonly PathSegment[]): string | undefined => {
  if (path[0] !== 'rules' || typeof path[1] !== 'number') return undefined;
  const rules = (data as { rules?: unknown })?.rules;
  const id = Array.isArray(rules) ? (rules[path[1]] as { id?: unknown } | undefined)?.id : undefined;
  return typeof id === 'string' ? id : undefined;
};

const lineFinder =
  (doc: Document, lines: LineCounter) =>
  (path: readonly PathSegment[]): number | undefined => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = doc.getIn(path.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
      if (node?.range) return lines.linePos(node.range[0]).line;
    }
    return undefined;
  };

/** The id of the rule whose YAML node spans `offset`, even in a document that failed to parse. */
const ruleIdAtOffset = (doc: Document, offset: number): string | undefined => {
  const rules = doc.get('rules', true);
  if (!isSeq(rules)) return undefined;
  const rule = rules.items.find(
    (item) => isMap(item) && item.range && item.range[0] <= offset && offset <= item.range[2],
  );
  const id = isMap(rule) ? rule.get('id') : undefined;
  return typeof id === 'string' ? id : undefined;
};

const syntaxError = (file: string, doc: Document, error: YAMLError): RulesetError => {
  const reason = `YAML syntax error: ${error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`;
  return new RulesetError(file, reason, ruleIdAtOffset(doc, error.pos[0]), error.linePos?.[0].line);
};

/** Parses and schema-checks ruleset text; every failure is a `RulesetError` naming `file`. */
export const parseRuleset = (text: string, file: string): ParsedRuleset => {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true });
  if (doc.errors.length > 0) throw syntaxError(file, doc, doc.errors[0]);
  const data: unknown = doc.toJS();
  const lineOf = lineFinder(doc, lines);
  if (!validate(data)) {
    const [error] = validate.errors ?? [];
    const path = pathOf(error.instancePath);
    const unknownField = (error.params as { additionalProperty?: string }).additionalProperty;
    const at = unknownField === undefined ? path : [...path, unknownField];
    throw new RulesetError(file, describeSchemaError(error), ruleIdAt(data, path), lineOf(at));
  }
  return { file, document: data as unknown as RulesetDocument, lineOf };
};
