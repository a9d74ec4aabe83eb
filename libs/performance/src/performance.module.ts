import { Module } from '@nestjs/common';
import { AuditModule } from '@pbw/audit';
import { BoardsModule } from '@pbw/boards';
import { FrameworksModule } from '@pbw/frameworks';
import { IndicatorRepository, IndicatorValueRepository } from './indicators.repository';
import { IndicatorLoaders, IndicatorResolver } from './indicators.resolver';
import { IndicatorsService } from './indicators.service';

@Module({
  imports: [AuditModule, BoardsModule, FrameworksModule],
  providers: [IndicatorRepository, IndicatorValueRepository, IndicatorsService, IndicatorLoaders, IndicatorResolver],
  exports: [IndicatorRepository, IndicatorValueRepository, IndicatorsService],
})
export class PerformanceModule {}
