import type { RoleName } from "@/db/schema";

export interface ActorRole {
  role: RoleName;
  unitId: string;
  unitPath: string;
  unitName: string;
}

/** Who is acting: built on the server from the session and the database, never from input. */
export interface Actor {
  userId: string;
  username: string;
  fullName: string;
  homeUnitId: string;
  mustChangePassword: boolean;
  /** The roles in force: those held at the active unit (see the unit switcher). */
  roles: ActorRole[];
  /** Every unit where the user holds a role, for the switcher. */
  assignments: ActorRole[];
  activeUnitId: string | null;
  ip: string | null;
}
