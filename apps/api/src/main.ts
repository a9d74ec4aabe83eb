import 'reflect-metadata';
import { runMain } from '@pbw/core';
import { startApi } from './bootstrap';

runMain('api', startApi);
