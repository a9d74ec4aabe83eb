// One jest run over every project: a single process pool is faster on 2 cores than
// starting a jest per project.
module.exports = {
  projects: ['<rootDir>/apps/api', '<rootDir>/apps/worker', '<rootDir>/libs/*', '<rootDir>/tests'],
};
