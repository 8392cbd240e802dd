import { articleCategories, partnerLinks, portalBanners, type PartnerLinkGroup } from "@/db/schema";
import type { Db } from "@/lib/db/types";
import { todayInVietnam } from "@/lib/i18n/format";
import { slugify } from "@/lib/publications/slug";

/**
 * The portal's furniture for the demo: the categories news is filed under, a slogan showing now
 * and one to come, and links to well-known public institutional sites.
 */

const CATEGORIES: { name: string; description: string; children?: string[] }[] = [
  { name: "Tin hoạt động", description: "Hoạt động của Hội từ Trung ương đến cơ sở.", children: ["Hoạt động Trung ương", "Hoạt động địa phương"] },
  { name: "Văn bản chỉ đạo", description: "Giới thiệu, hướng dẫn thực hiện các văn bản chỉ đạo." },
  { name: "Mặt trận và các đoàn thể", description: "Phối hợp với Mặt trận Tổ quốc và các tổ chức chính trị - xã hội." },
  { name: "Xây dựng nông thôn mới", description: "Hội viên chung sức xây dựng nông thôn mới, đô thị văn minh." },
  { name: "Gương điển hình", description: "Tập thể, cá nhân tiêu biểu trong phong trào thi đua." },
];

const LINKS: { group: PartnerLinkGroup; name: string; url: string }[] = [
  { group: "party", name: "Báo điện tử Đảng Cộng sản Việt Nam", url: "https://dangcongsan.vn" },
  { group: "state", name: "Cổng Thông tin điện tử Chính phủ", url: "https://chinhphu.vn" },
  { group: "state", name: "Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam", url: "https://quochoi.vn" },
  { group: "front", name: "Ủy ban Trung ương MTTQ Việt Nam", url: "https://mattran.org.vn" },
  { group: "front", name: "Trung ương Đoàn TNCS Hồ Chí Minh", url: "https://doanthanhnien.vn" },
];

/** yyyy-MM-dd plus some days, counted on the calendar (no time zone can shift it). */
function addDays(day: string, days: number): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * Runs inside the demo seed's transaction, after the claim on org_settings, so it writes once per
 * database; on a database whose editors already made categories it leaves everything alone.
 */
export async function seedPortalSite(db: Db, options: { today?: string } = {}): Promise<void> {
  const existing = await db.select({ id: articleCategories.id }).from(articleCategories).limit(1);
  if (existing.length > 0) return;
  const today = options.today ?? todayInVietnam();

  for (const [position, category] of CATEGORIES.entries()) {
    const [parent] = await db
      .insert(articleCategories)
      .values({ name: category.name, slug: slugify(category.name), description: category.description, position })
      .returning({ id: articleCategories.id });
    const children = category.children ?? [];
    if (children.length > 0) {
      await db.insert(articleCategories).values(children.map((name, i) => ({ name, slug: slugify(name), parentId: parent!.id, position: i })));
    }
  }

  await db.insert(portalBanners).values([
    { slogan: "Ở đâu cần thanh niên có, việc gì khó có thanh niên", startsOn: addDays(today, -30), endsOn: null, position: 0 },
    {
      slogan: "Nhiệt liệt chào mừng kỷ niệm Ngày truyền thống lực lượng Thanh niên xung phong Việt Nam",
      startsOn: addDays(today, 30),
      endsOn: addDays(today, 60),
      position: 0,
    },
  ]);

  const positions = new Map<PartnerLinkGroup, number>();
  await db.insert(partnerLinks).values(
    LINKS.map((link) => {
      const position = positions.get(link.group) ?? 0;
      positions.set(link.group, position + 1);
      return { ...link, position };
    }),
  );
}
