// Every module's tables, gathered for Drizzle and drizzle-kit. Add a module's schema file here.
export * from '../../modules/communes/communesSchema.js';
export * from '../../modules/families/familiesSchema.js';
export * from '../../modules/accounts/accountsSchema.js';
export * from '../../modules/audit/auditSchema.js';
export * from '../../modules/news/newsSchema.js';
export * from '../../modules/requests/requestsSchema.js';
export * from '../sessions/sessionsSchema.js';
export * from '../mail/mailSchema.js';
export * from './deploymentSchema.js';
export * from '../../modules/services/servicesSchema.js';
export * from '../../modules/bookings/bookingsSchema.js';
export * from '../../modules/billing/billingSchema.js';
export * from '../../modules/payments/paymentsSchema.js';
export * from '../../modules/demarches/demarchesSchema.js';
export * from '../../modules/documents/documentsSchema.js';
export * from '../../modules/onlinePayments/onlinePaymentsSchema.js';
