import { type DynamicModule, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, ConfigError, loadConfig } from './config';
import { LOGGER, type Logger } from './logger';

/** Provides the validated config and the logger to every module of an app. */
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: CoreModule,
      global: true,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
      ],
      exports: [APP_CONFIG, LOGGER],
    };
  }
}

/**
 * The entry point of a process: validates the environment (a bad variable exits 2 with
 * its name), then starts; a failure to start is one JSON line and exit 1.
 */
export function runMain(name: string, start: (config: AppConfig) => Promise<unknown>): void {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
  start(config).catch((e: unknown) => {
    process.stderr.write(`${JSON.stringify({ level: 'fatal', msg: `${name} failed to start`, err: String((e as Error)?.stack ?? e) })}\n`);
    process.exit(1);
  });
}
