import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { type AppConfig, CoreModule, type Logger } from '@pbw/core';
import { createDataSource } from '@pbw/db';
import { MaintenanceWorkerModule } from '@pbw/identity';
import { QueueModule } from '@pbw/queue';
import { FilesWorkerModule } from '@pbw/files';
import { RemindersWorkerModule } from '@pbw/notifications';
import { PacksWorkerModule } from '@pbw/packs';
import { ENTITIES } from '@pbw/platform';

/** The worker: BullMQ processors only. It never migrates; it waits for the api to have done so. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        CoreModule.forRoot(config, logger),
        TypeOrmModule.forRootAsync({
          useFactory: () => ({}),
          dataSourceFactory: async () =>
            createDataSource({ url: config.databaseUrl, entities: ENTITIES, applicationName: 'pbw-worker' }).initialize(),
        }),
        QueueModule.forRoot(config),
        MaintenanceWorkerModule,
        FilesWorkerModule,
        RemindersWorkerModule,
        PacksWorkerModule,
      ],
    };
  }
}
