import type { Actor } from "@/lib/auth/actor";
import { holdsPermission, holdsPermissionAtRoot } from "@/lib/auth/guard";
import type { MessageKey } from "@/lib/i18n";

export interface NavItem {
  href: string;
  label: MessageKey;
}

/** The workspace menu shows what the active roles allow; the services still check every request. */
export function workspaceNav(actor: Actor): NavItem[] {
  const items: NavItem[] = [{ href: "/lam-viec", label: "nav.dashboard" }];
  if (holdsPermission(actor, "org.unit.read")) items.push({ href: "/lam-viec/don-vi", label: "nav.units" });
  if (holdsPermission(actor, "member.read")) items.push({ href: "/lam-viec/hoi-vien", label: "nav.members" });
  if (holdsPermission(actor, "document.read")) items.push({ href: "/lam-viec/van-ban", label: "nav.documents" });
  if (holdsPermission(actor, "stats.read")) items.push({ href: "/lam-viec/thong-ke", label: "nav.stats" });
  // Anyone may be invited to a meeting; the list shows their invitations and their units' meetings.
  items.push({ href: "/lam-viec/hop", label: "nav.meetings" });
  items.push({ href: "/lam-viec/lich", label: "nav.calendar" });
  if (holdsPermission(actor, "meeting.manage")) items.push({ href: "/lam-viec/phong-hop", label: "nav.rooms" });
  if (holdsPermission(actor, "article.write")) items.push({ href: "/lam-viec/tin-bai", label: "nav.articles" });
  if (holdsPermission(actor, "publication.manage")) items.push({ href: "/lam-viec/an-pham", label: "nav.publicationsAndMedia" });
  if (holdsPermission(actor, "account.read")) items.push({ href: "/lam-viec/tai-khoan", label: "nav.accounts" });
  if (holdsPermission(actor, "audit.read")) items.push({ href: "/lam-viec/nhat-ky", label: "nav.audit" });
  if (holdsPermissionAtRoot(actor, "mail.outbox.read")) items.push({ href: "/lam-viec/hop-thu", label: "nav.outbox" });
  if (holdsPermissionAtRoot(actor, "portal.manage")) items.push({ href: "/lam-viec/cong-thong-tin", label: "nav.portalSite" });
  if (holdsPermissionAtRoot(actor, "org.settings.manage")) items.push({ href: "/lam-viec/cai-dat", label: "nav.settings" });
  // Members read their own record; the page itself finds it through the account, not the role.
  if (actor.roles.some((r) => r.role === "member")) items.push({ href: "/lam-viec/ho-so-hoi-vien", label: "member.own" });
  items.push({ href: "/lam-viec/ho-so", label: "nav.profile" });
  return items;
}
