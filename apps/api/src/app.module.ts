import { type DynamicModule, type MiddlewareConsumer, Module, type NestModule, Inject } from '@nestjs/common';
import { APP_GUARD, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import type { GraphQLFormattedError } from 'graphql';
import { type AppConfig, CoreModule, DtoValidationPipe, LOGGER, type Logger } from '@pbw/core';
import { AuthGuard, type GqlContext, Loaders } from '@pbw/access';
import { createDataSource } from '@pbw/db';
import { AuditModule } from '@pbw/audit';
import { IdentityModule, MaintenanceSchedulerModule } from '@pbw/identity';
import { BoardsModule } from '@pbw/boards';
import { FrameworksModule } from '@pbw/frameworks';
import { WorkPlansModule } from '@pbw/workplans';
import { FilesModule, FilesSchedulerModule } from '@pbw/files';
import { MeetingsModule } from '@pbw/meetings';
import { EvidenceModule } from '@pbw/evidence';
import { ReportsModule } from '@pbw/reports';
import { SearchModule } from '@pbw/search';
import { CommitmentsModule } from '@pbw/commitments';
import { PerformanceModule } from '@pbw/performance';
import { VoiceModule } from '@pbw/voice';
import { PrinciplesModule } from '@pbw/principles';
import { NotificationsModule } from '@pbw/notifications';
import { PacksModule } from '@pbw/packs';
import { QueueModule } from '@pbw/queue';
import { ENTITIES } from '@pbw/platform';
import { HealthController } from './health.controller';
import { limitsPlugin } from './graphql-limits.plugin';
import { requestIdMiddleware } from './request-id.middleware';

/** Codes a client is meant to see; anything else is a bug and is masked. */
const CLIENT_CODES = new Set([
  'UNAUTHENTICATED',
  'NOT_FOUND',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'CONFLICT',
  'RATE_LIMITED',
  'QUERY_TOO_DEEP',
  'QUERY_TOO_COMPLEX',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
]);

@Module({})
export class AppModule implements NestModule {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  static forRoot(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config, logger),
        TypeOrmModule.forRootAsync({
          useFactory: () => ({}),
          dataSourceFactory: async () =>
            createDataSource({ url: config.databaseUrl, entities: ENTITIES, applicationName: 'pbw-api' }).initialize(),
        }),
        QueueModule.forRoot(config),
        GraphQLModule.forRoot<ApolloDriverConfig>({
          driver: ApolloDriver,
          path: '/graphql',
          autoSchemaFile: true,
          sortSchema: true,
          playground: false,
          introspection: true,
          includeStacktraceInErrorResponses: false,
          context: ({ req, res }: { req: Request; res: Response }): GqlContext => ({
            req,
            res,
            requestId: req.requestId ?? 'unknown',
            loaders: new Loaders(),
          }),
          plugins: [limitsPlugin(config.graphqlMaxDepth, config.graphqlMaxComplexity)],
          formatError: (formatted: GraphQLFormattedError, error: unknown) => {
            const code = formatted.extensions?.code;
            if (typeof code === 'string' && CLIENT_CODES.has(code)) return formatted;
            logger.error(
              { err: (error as { originalError?: unknown })?.originalError ?? error, path: formatted.path },
              'unhandled GraphQL error',
            );
            return {
              message: 'Something went wrong on our side. Try again, and if it keeps happening tell your board secretariat.',
              path: formatted.path,
              extensions: { code: 'INTERNAL_SERVER_ERROR' },
            };
          },
        }),
        AuditModule,
        IdentityModule,
        BoardsModule,
        FrameworksModule,
        WorkPlansModule,
        FilesModule,
        MeetingsModule,
        EvidenceModule,
        ReportsModule,
        SearchModule,
        CommitmentsModule,
        PerformanceModule,
        VoiceModule,
        PrinciplesModule,
        NotificationsModule,
        PacksModule,
        MaintenanceSchedulerModule,
        FilesSchedulerModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_PIPE, useClass: DtoValidationPipe },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(requestIdMiddleware(this.logger)).forRoutes('*');
  }
}
