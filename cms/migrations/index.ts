import * as migration_20261121_123207_initial from './20261121_123207_initial';

export const migrations = [
  {
    up: migration_20261121_123207_initial.up,
    down: migration_20261121_123207_initial.down,
    name: '20261121_123207_initial'
  },
];
