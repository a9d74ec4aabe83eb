export * from './working-days';
export * from './mailer';
