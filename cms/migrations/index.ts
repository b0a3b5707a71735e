import * as migration_20261121_124827_initial from './20261121_124827_initial';
import * as migration_20261121_130655_site_builds from './20261121_130655_site_builds';

export const migrations = [
  {
    up: migration_20261121_124827_initial.up,
    down: migration_20261121_124827_initial.down,
    name: '20261121_124827_initial',
  },
  {
    up: migration_20261121_130655_site_builds.up,
    down: migration_20261121_130655_site_builds.down,
    name: '20261121_130655_site_builds'
  },
];
