import * as migration_20261121_124827_initial from './20261121_124827_initial';
import * as migration_20261121_130655_site_builds from './20261121_130655_site_builds';
import * as migration_20261121_132454_review_workflow from './20261121_132454_review_workflow';
import * as migration_20261121_132747_imports from './20261121_132747_imports';
import * as migration_20261121_134243_saved_pages from './20261121_134243_saved_pages';
import * as migration_20261121_202624_user_role_default from './20261121_202624_user_role_default';
import * as migration_20261129_205738_slug_unique from './20261129_205738_slug_unique';
import * as migration_20261129_233544_qualifier_words_site_settings from './20261129_233544_qualifier_words_site_settings';
import * as migration_20261129_234012_admin_review_history from './20261129_234012_admin_review_history';

export const migrations = [
  {
    up: migration_20261121_124827_initial.up,
    down: migration_20261121_124827_initial.down,
    name: '20261121_124827_initial',
  },
  {
    up: migration_20261121_130655_site_builds.up,
    down: migration_20261121_130655_site_builds.down,
    name: '20261121_130655_site_builds',
  },
  {
    up: migration_20261121_132454_review_workflow.up,
    down: migration_20261121_132454_review_workflow.down,
    name: '20261121_132454_review_workflow',
  },
  {
    up: migration_20261121_132747_imports.up,
    down: migration_20261121_132747_imports.down,
    name: '20261121_132747_imports',
  },
  {
    up: migration_20261121_134243_saved_pages.up,
    down: migration_20261121_134243_saved_pages.down,
    name: '20261121_134243_saved_pages',
  },
  {
    up: migration_20261121_202624_user_role_default.up,
    down: migration_20261121_202624_user_role_default.down,
    name: '20261121_202624_user_role_default',
  },
  {
    up: migration_20261129_205738_slug_unique.up,
    down: migration_20261129_205738_slug_unique.down,
    name: '20261129_205738_slug_unique',
  },
  {
    up: migration_20261129_233544_qualifier_words_site_settings.up,
    down: migration_20261129_233544_qualifier_words_site_settings.down,
    name: '20261129_233544_qualifier_words_site_settings',
  },
  {
    up: migration_20261129_234012_admin_review_history.up,
    down: migration_20261129_234012_admin_review_history.down,
    name: '20261129_234012_admin_review_history',
  },
];
