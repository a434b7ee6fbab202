import ts from 'typescript';

export type JsonSchema = { [keyword: string]: unknown };

/**
 * JSON Schema read from the TypeScript types themselves, so the AsyncAPI document cannot drift from
 * the code: object types, optional members, readonly arrays, literal unions, brands and JSDoc
 * comments (as descriptions). Enough for plain data types; functions and classes are not expected.
 */
export class TypeSchemas {
  readonly checker: ts.TypeChecker;
  private readonly program: ts.Program;

  constructor(rootFiles: readonly string[], tsconfigPath: string) {
    const config = ts.getParsedCommandLineOfConfigFile(
      tsconfigPath,
      {},
      { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
    );
    if (!config) throw new Error(`Cannot read ${tsconfigPath}`);
    this.program = ts.createProgram([...rootFiles], { ...config.options, noEmit: true });
    this.checker = this.program.getTypeChecker();
  }

  /** The declared type of an exported type alias or interface. */
  exportedType(file: string, name: string): ts.Type {
    const source = this.program.getSourceFile(file);
    const module = source && this.checker.getSymbolAtLocation(source);
    const symbol = module && this.checker.getExportsOfModule(module).find((s) => s.name === name);
    if (!symbol) throw new Error(`${file} exports no type ${name}`);
    const target = symbol.flags & ts.SymbolFlags.Alias ? this.checker.getAliasedSymbol(symbol) : symbol;
    return this.checker.getDeclaredTypeOfSymbol(target);
  }

  /** The JSDoc of an exported declaration named `name` in any of `files`. */
  describeExport(files: readonly string[], name: string): string | undefined {
    for (const file of files) {
      const source = this.program.getSourceFile(file);
      const module = source && this.checker.getSymbolAtLocation(source);
      const symbol = module && this.checker.getExportsOfModule(module).find((s) => s.name === name);
      if (symbol) return this.describe(symbol);
    }
    return undefined;
  }

  /** Source files of the program whose path matches, e.g. every domain `events.ts`. */
  files(pattern: RegExp): string[] {
    return this.program
      .getSourceFiles()
      .map((s) => s.fileName)
      .filter((f) => pattern.test(f));
  }

  property(type: ts.Type, name: string): ts.Type {
    const symbol = type.getProperty(name);
    if (!symbol) throw new Error(`${this.checker.typeToString(type)} has no member ${name}`);
    return this.checker.getTypeOfSymbol(symbol);
  }

  describe(symbol: ts.Symbol | undefined): string | undefined {
    const text = symbol ? ts.displayPartsToString(symbol.getDocumentationComment(this.checker)).trim() : '';
    return text === '' ? undefined : text;
  }

  toSchema(type: ts.Type): JsonSchema {
    const f = type.flags;
    if (f & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return {};
    if (f & ts.TypeFlags.StringLiteral)
      return { type: 'string', const: (type as ts.StringLiteralType).value };
    if (f & ts.TypeFlags.NumberLiteral)
      return { type: 'number', const: (type as ts.NumberLiteralType).value };
    if (f & ts.TypeFlags.BooleanLiteral)
      return { type: 'boolean', const: this.checker.typeToString(type) === 'true' };
    if (f & ts.TypeFlags.String) return { type: 'string' };
    if (f & ts.TypeFlags.Number) return { type: 'number' };
    if (f & ts.TypeFlags.Boolean) return { type: 'boolean' };
    if (f & ts.TypeFlags.Null) return { type: 'null' };
    if (type.isUnion()) return this.union(type.types);
    if (type.isIntersection()) {
      // A branded primitive (`string & { __brand?: ... }`) is that primitive on the wire.
      const primitive = type.types.find((t) => t.flags & (ts.TypeFlags.String | ts.TypeFlags.Number));
      if (primitive) return this.toSchema(primitive);
    }
    if (this.checker.isArrayType(type)) {
      const [item] = this.checker.getTypeArguments(type as ts.TypeReference);
      return { type: 'array', items: this.toSchema(item) };
    }
    if (f & ts.TypeFlags.Object || type.isIntersection()) return this.object(type);
    throw new Error(`No JSON Schema for ${this.checker.typeToString(type)}`);
  }

  private union(members: readonly ts.Type[]): JsonSchema {
    const types = members.filter((t) => !(t.flags & ts.TypeFlags.Undefined));
    if (types.length === 1) return this.toSchema(types[0]);
    if (types.every((t) => t.flags & ts.TypeFlags.BooleanLiteral)) return { type: 'boolean' };
    const schemas = types.map((t) => this.toSchema(t));
    if (schemas.every((s) => s.const !== undefined && s.type === schemas[0].type)) {
      return { type: schemas[0].type, enum: schemas.map((s) => s.const) };
    }
    if (schemas.every((s) => Object.keys(s).length === 1 && typeof s.type === 'string')) {
      return { type: schemas.map((s) => s.type) };
    }
    return { oneOf: schemas };
  }

  private object(type: ts.Type): JsonSchema {
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    for (const symbol of this.checker.getPropertiesOfType(type)) {
      const schema = this.toSchema(this.checker.getTypeOfSymbol(symbol));
      const description = this.describe(symbol);
      properties[symbol.name] = description ? { description, ...schema } : schema;
      if (!(symbol.flags & ts.SymbolFlags.Optional)) required.push(symbol.name);
    }
    const schema: JsonSchema = { type: 'object', properties };
    if (required.length > 0) schema.required = required;
    const [index] = this.checker.getIndexInfosOfType(type);
    if (index) schema.additionalProperties = this.toSchema(index.type);
    return schema;
  }
}
