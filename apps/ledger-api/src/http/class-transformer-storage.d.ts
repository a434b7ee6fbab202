// class-transformer keeps its decorators' metadata in one store it does not export from its index;
// the CommonJS build the app loads has it at this path (its types are shipped apart, under types/).
declare module 'class-transformer/cjs/storage' {
  export { defaultMetadataStorage } from 'class-transformer/types/storage';
}
