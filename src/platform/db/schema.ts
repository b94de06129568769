// Every module's tables, gathered for Drizzle and drizzle-kit. Add a module's schema file here.
export * from '../../modules/communes/communesSchema.js';
export * from './deploymentSchema.js';
