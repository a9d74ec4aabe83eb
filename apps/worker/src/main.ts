import 'reflect-metadata';
import { runMain } from '@pbw/core';
import { startWorker } from './bootstrap';

runMain('worker', startWorker);
