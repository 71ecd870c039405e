import { Op, Sequelize, type WhereOptions } from 'sequelize';

/**
 * Matches rows whose `column` contains `text` literally: `%` and `_` in the text are not
 * wildcards. SQLite has no default LIKE escape character, so the clause names `!` explicitly.
 */
export function columnContains(sequelize: Sequelize, column: string, text: string): WhereOptions {
  const escaped = text.replace(/[!%_]/g, (character) => `!${character}`);
  const pattern = sequelize.escape(`%${escaped}%`);
  return Sequelize.where(Sequelize.col(column), { [Op.like]: Sequelize.literal(`${pattern} ESCAPE '!'`) });
}
