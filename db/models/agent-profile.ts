import { DataTypes, type InferAttributes, type InferCreationAttributes, type Model, type ModelStatic, type NonAttribute, type Sequelize } from 'sequelize';
import { SKILLS, type Skill } from '../../server/domain/terms';
import type { UserRow } from './user';

/** An agent's phone extension and skills, which call control needs to ring the agent. */
export interface AgentProfileRow extends Model<InferAttributes<AgentProfileRow>, InferCreationAttributes<AgentProfileRow>> {
  userId: number;
  extension: string;
  /** Stored as a JSON array in a text column, so that SQLite and MariaDB behave alike. */
  skills: Skill[];

  user?: NonAttribute<UserRow>;
}

export type AgentProfileModel = ModelStatic<AgentProfileRow>;

export function defineAgentProfile(sequelize: Sequelize): AgentProfileModel {
  return sequelize.define<AgentProfileRow>(
    'AgentProfile',
    {
      userId: { type: DataTypes.INTEGER, primaryKey: true },
      extension: { type: DataTypes.STRING(32), allowNull: false, unique: true },
      skills: {
        type: DataTypes.TEXT,
        allowNull: false,
        get(): Skill[] {
          const stored = this.getDataValue('skills') as unknown as string | null;
          return stored ? (JSON.parse(stored) as Skill[]) : [];
        },
        set(skills: Skill[]) {
          this.setDataValue('skills', JSON.stringify(skills) as unknown as Skill[]);
        },
        validate: {
          knownSkills(stored: string) {
            const skills = JSON.parse(stored) as unknown;
            if (!Array.isArray(skills) || skills.some((skill) => !SKILLS.includes(skill as Skill))) {
              throw new Error(`skills must be a list of ${SKILLS.join(', ')}, got ${stored}`);
            }
          },
        },
      },
    },
    { tableName: 'agent_profiles', underscored: true, timestamps: false },
  );
}
