import type { Metadata } from "next";
import Link from "next/link";
import { getActor } from "@/lib/auth/session";
import { orNotFound } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db";
import { t } from "@/lib/i18n";
import { listManagedRooms, roomUnitOptions } from "@/lib/meetings/room-admin";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { Badge, Card } from "@/components/ui/card";
import { CreateRoomForm, EditRoomForm, RoomActiveButton } from "@/components/meetings/room-forms";

export const metadata: Metadata = { title: t("room.manageTitle") };

/** The office's rooms: add, edit, deactivate (room.manage over the unit; the services check it). */
export default async function ManageRoomsPage() {
  const actor = await getActor();
  const db = await getDb();
  const [rooms, units] = await orNotFound(() => Promise.all([listManagedRooms(db, actor), roomUnitOptions(db, actor)]));
  return (
    <div className="space-y-4">
      <Breadcrumbs items={[{ href: "/lam-viec", label: t("nav.dashboard") }, { href: "/lam-viec/phong-hop", label: t("room.pageTitle") }, { label: t("room.manageTitle") }]} />
      <h1 className="text-2xl font-bold">{t("room.manageTitle")}</h1>
      <p className="text-sm text-slate-700">{t("room.manageIntro")}</p>
      <Card title={t("room.new")}>
        <CreateRoomForm units={units} />
      </Card>
      {rooms.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-600">{t("room.noRooms")}</p>
      ) : (
        <ul className="space-y-3">
          {rooms.map((room) => (
            <li key={room.id} className="rounded-lg border border-slate-200 bg-white p-4" data-testid="room">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <div>
                  <h2 className="font-semibold">
                    <Link href={`/lam-viec/phong-hop?phong=${room.id}`} className="underline-offset-2 hover:underline">{room.name}</Link>
                  </h2>
                  <p className="text-sm text-slate-700">
                    {room.unitName} · {t(room.kind === "online" ? "room.kind.online" : "room.kind.physical")}
                    {room.location && ` · ${room.location}`}
                    {room.capacity !== null && ` · ${t("room.capacityValue", { n: room.capacity })}`}
                  </p>
                  {room.link && (
                    <p className="text-sm">
                      {t("room.link")}: <a href={room.link} className="break-all text-brand-700 underline" target="_blank" rel="noreferrer">{room.link}</a>
                    </p>
                  )}
                </div>
                <div className="flex flex-wrap items-center gap-2">
                  {room.autoApprove && <Badge tone="green">{t("room.autoApproveYes")}</Badge>}
                  {!room.active && <Badge tone="amber">{t("room.inactive")}</Badge>}
                  <RoomActiveButton id={room.id} active={room.active} />
                </div>
              </div>
              <details className="mt-3">
                <summary className="cursor-pointer text-sm font-medium text-brand-700">{t("room.edit")}</summary>
                <div className="mt-3">
                  <EditRoomForm room={{ id: room.id, kind: room.kind, name: room.name, location: room.location, capacity: room.capacity, autoApprove: room.autoApprove }} />
                </div>
              </details>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
