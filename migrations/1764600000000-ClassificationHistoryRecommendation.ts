import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * History versions also keep the provisional (data) category and the recommendation, so that an
 * experiment read "as of" an instant shows its whole stored classification as it was (issue #5 §3).
 * Existing rows take the current stored values.
 */
export class ClassificationHistoryRecommendation1764600000000 implements MigrationInterface {
  name = 'ClassificationHistoryRecommendation1764600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE experiment_classification_history ADD COLUMN provisional_category text, ADD COLUMN recommendation text`,
    );
    await queryRunner.query(`
      UPDATE experiment_classification_history h SET provisional_category = c.provisional_category, recommendation = c.recommendation
        FROM experiment_classification c WHERE c.experiment_id = h.experiment_id`);
    await queryRunner.query(
      `ALTER TABLE experiment_classification_history ALTER COLUMN provisional_category SET NOT NULL, ALTER COLUMN recommendation SET NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE experiment_classification_history DROP COLUMN provisional_category, DROP COLUMN recommendation`,
    );
  }
}
