import { eq, inArray } from "drizzle-orm";
import { articleCategories, articleEvents, articles, articleViewDays, units, users } from "@/db/schema";
import type { Db } from "@/lib/db/types";
import { foldVietnamese, todayInVietnam } from "@/lib/i18n/format";
import { slugify } from "@/lib/publications/slug";

/**
 * Demo news: stories in every category at different stages of the review — most published over
 * the last weeks, one waiting for an editor, one returned with the editor's note, one scheduled —
 * written by the demo collaborator of Hà Nội and the central editor, with their histories and a
 * few days of views, so the home page, the category pages, the review queue and the monthly
 * report all have something real to show. The events and places are generic and invented.
 */

interface DemoStory {
  category: string;
  title: string;
  summary: string;
  paragraphs: string[];
  tags: string[];
  /** Days before today it was published (or, for the others, written). */
  daysAgo: number;
  stage: "published" | "submitted" | "returned" | "scheduled";
  by: "collaborator" | "editor";
  featured?: boolean;
}

const STORIES: DemoStory[] = [
  {
    category: "hoat-dong-trung-uong",
    title: "Hội nghị Ban Chấp hành Trung ương Hội tổng kết công tác năm",
    summary: "Hội nghị đánh giá kết quả công tác Hội trong năm và thống nhất phương hướng, nhiệm vụ năm tới.",
    paragraphs: [
      "Hội nghị Ban Chấp hành Trung ương Hội đã họp tại Hà Nội để tổng kết công tác năm. Các đại biểu thảo luận báo cáo về công tác tổ chức, phát triển hội viên và các phong trào thi đua.",
      "Hội nghị thống nhất tập trung vào ba nhiệm vụ trọng tâm: củng cố tổ chức cơ sở, chăm lo đời sống hội viên và đẩy mạnh chuyển đổi số trong hoạt động của Hội.",
    ],
    tags: ["hội nghị", "tổng kết"],
    daysAgo: 2,
    stage: "published",
    by: "editor",
    featured: true,
  },
  {
    category: "hoat-dong-dia-phuong",
    title: "Hội viên phường Ba Đình ra quân làm sạch đường phố",
    summary: "Hơn hai trăm hội viên tham gia dọn vệ sinh, trồng cây xanh trên các tuyến phố của phường.",
    paragraphs: [
      "Sáng Chủ nhật, hội viên các chi hội trên địa bàn phường Ba Đình đã ra quân dọn vệ sinh, thu gom rác thải và trồng thêm cây xanh dọc các tuyến phố.",
      "Hoạt động nằm trong chương trình chung tay xây dựng đô thị văn minh, được người dân khu phố hưởng ứng nhiệt tình.",
    ],
    tags: ["môi trường", "tình nguyện"],
    daysAgo: 5,
    stage: "published",
    by: "collaborator",
    featured: true,
  },
  {
    category: "hoat-dong-dia-phuong",
    title: "Trao quà cho hội viên có hoàn cảnh khó khăn dịp cuối năm",
    summary: "Hội các cấp thăm hỏi, tặng quà hội viên cao tuổi và hội viên có hoàn cảnh khó khăn.",
    paragraphs: [
      "Các cấp Hội đã tổ chức thăm hỏi, tặng quà cho hội viên cao tuổi, ốm đau và có hoàn cảnh khó khăn, động viên hội viên vươn lên trong cuộc sống.",
      "Kinh phí được vận động từ hội viên và các nhà hảo tâm trên địa bàn.",
    ],
    tags: ["an sinh", "hội viên"],
    daysAgo: 9,
    stage: "published",
    by: "collaborator",
  },
  {
    category: "van-ban-chi-dao",
    title: "Hướng dẫn đánh giá, xếp loại hội viên hằng năm",
    summary: "Những điểm cần lưu ý khi các chi hội tổ chức đánh giá, xếp loại hội viên cuối năm.",
    paragraphs: [
      "Việc đánh giá, xếp loại hội viên được thực hiện mỗi năm một lần ở chi hội, theo bốn mức: hoàn thành xuất sắc, hoàn thành tốt, hoàn thành và không hoàn thành nhiệm vụ.",
      "Kết quả được nhập vào cơ sở dữ liệu hội viên theo từng chi hội để tổng hợp lên cấp trên.",
    ],
    tags: ["hướng dẫn", "đánh giá hội viên"],
    daysAgo: 12,
    stage: "published",
    by: "editor",
  },
  {
    category: "mat-tran-va-cac-doan-the",
    title: "Phối hợp với Mặt trận tổ chức Ngày hội Đại đoàn kết toàn dân tộc",
    summary: "Hội viên tham gia tích cực Ngày hội Đại đoàn kết toàn dân tộc ở các khu dân cư.",
    paragraphs: [
      "Hưởng ứng Ngày hội Đại đoàn kết toàn dân tộc, các chi hội đã phối hợp với Ban công tác Mặt trận khu dân cư tổ chức nhiều hoạt động văn hóa, thể thao.",
      "Nhiều hội viên được biểu dương vì có đóng góp tích cực cho công tác của khu dân cư.",
    ],
    tags: ["mặt trận", "đại đoàn kết"],
    daysAgo: 16,
    stage: "published",
    by: "collaborator",
  },
  {
    category: "xay-dung-nong-thon-moi",
    title: "Hội viên góp công làm đường giao thông nông thôn",
    summary: "Hội viên các xã góp ngày công, hiến đất để làm mới nhiều tuyến đường liên thôn.",
    paragraphs: [
      "Thực hiện phong trào chung sức xây dựng nông thôn mới, hội viên ở nhiều xã đã góp ngày công, vận động gia đình hiến đất mở rộng đường liên thôn.",
      "Những tuyến đường mới giúp việc đi lại và vận chuyển nông sản của bà con thuận lợi hơn.",
    ],
    tags: ["nông thôn mới", "giao thông"],
    daysAgo: 21,
    stage: "published",
    by: "collaborator",
  },
  {
    category: "guong-dien-hinh",
    title: "Người cựu thanh niên xung phong làm kinh tế giỏi",
    summary: "Từ hai bàn tay trắng, một hội viên đã xây dựng trang trại và tạo việc làm cho lao động địa phương.",
    paragraphs: [
      "Trở về địa phương sau những năm tháng tham gia lực lượng thanh niên xung phong, hội viên đã mạnh dạn vay vốn phát triển trang trại chăn nuôi kết hợp trồng cây ăn quả.",
      "Trang trại hiện tạo việc làm thường xuyên cho nhiều lao động địa phương, trong đó có con em hội viên.",
    ],
    tags: ["gương sáng", "kinh tế"],
    daysAgo: 27,
    stage: "published",
    by: "editor",
  },
  {
    category: "hoat-dong-dia-phuong",
    title: "Chi hội tổ dân phố số 1 sinh hoạt chuyên đề về chuyển đổi số",
    summary: "Hội viên được hướng dẫn sử dụng dịch vụ công trực tuyến và cài đặt ứng dụng định danh điện tử.",
    paragraphs: [
      "Buổi sinh hoạt chuyên đề giúp hội viên làm quen với dịch vụ công trực tuyến, cách cài đặt và sử dụng ứng dụng định danh điện tử.",
      "Chi hội sẽ duy trì các buổi hướng dẫn hằng tháng cho hội viên cao tuổi.",
    ],
    tags: ["chuyển đổi số"],
    daysAgo: 1,
    stage: "submitted",
    by: "collaborator",
  },
  {
    category: "guong-dien-hinh",
    title: "Nữ hội viên tận tụy với công tác khu dân cư",
    summary: "Nhiều năm liền được bầu làm tổ trưởng tổ dân phố, chị luôn gương mẫu trong mọi phong trào.",
    paragraphs: ["Bài viết về một nữ hội viên nhiều năm làm tổ trưởng tổ dân phố, gương mẫu trong các phong trào của địa phương."],
    tags: ["gương sáng"],
    daysAgo: 3,
    stage: "returned",
    by: "collaborator",
  },
  {
    category: "hoat-dong-trung-uong",
    title: "Kỷ niệm Ngày truyền thống lực lượng Thanh niên xung phong",
    summary: "Các hoạt động kỷ niệm sẽ được tổ chức ở Trung ương và các tỉnh, thành phố.",
    paragraphs: ["Trung ương Hội hướng dẫn các tỉnh, thành phố tổ chức các hoạt động kỷ niệm thiết thực, tiết kiệm."],
    tags: ["kỷ niệm"],
    daysAgo: -3,
    stage: "scheduled",
    by: "editor",
  },
];

/** 07:30 in Vietnam on a day some days before (negative: after) today. */
function morningOf(today: string, daysAgo: number, hour = 7): Date {
  const date = new Date(`${today}T00:30:00Z`);
  date.setUTCDate(date.getUTCDate() - daysAgo);
  date.setUTCHours(hour - 7, 30, 0, 0);
  return date;
}

/**
 * Runs inside the demo seed's transaction, after the portal's categories, so it writes once per
 * database. Without the categories or the demo's writer and editor it writes nothing.
 */
export async function seedPortalArticles(db: Db, options: { today?: string } = {}): Promise<void> {
  const today = options.today ?? todayInVietnam();
  const categories = await db.select({ id: articleCategories.id, slug: articleCategories.slug }).from(articleCategories);
  const people = await db.select({ id: users.id, username: users.username, unitId: users.homeUnitId }).from(users).where(inArray(users.username, ["hanoi.ctv", "bientap"]));
  const collaborator = people.find((p) => p.username === "hanoi.ctv");
  const editor = people.find((p) => p.username === "bientap");
  const [root] = editor ? await db.select({ id: units.id }).from(units).where(eq(units.id, editor.unitId)) : [];
  if (!collaborator || !editor || !root || categories.length === 0) return;
  const categoryId = new Map(categories.map((c) => [c.slug, c.id]));

  for (const [index, story] of STORIES.entries()) {
    const category = categoryId.get(story.category);
    if (!category) continue;
    const author = story.by === "collaborator" ? collaborator : editor;
    const written = morningOf(today, story.daysAgo + 1, 15);
    const submitted = morningOf(today, story.daysAgo + 1, 17);
    const publishedAt = morningOf(today, story.daysAgo);
    const bodyHtml = story.paragraphs.map((p) => `<p>${p}</p>`).join("");
    const published = story.stage === "published";
    const [row] = await db
      .insert(articles)
      .values({
        unitId: author.unitId,
        categoryId: category,
        title: story.title,
        slug: slugify(story.title, "tin-bai"),
        summary: story.summary,
        bodyHtml,
        tags: story.tags,
        authorId: author.id,
        status: story.stage,
        featured: story.featured ?? false,
        publishAt: story.stage === "scheduled" ? publishedAt : null,
        publishedAt: published ? publishedAt : null,
        submittedAt: story.by === "collaborator" ? submitted : null,
        viewCount: 0,
        searchText: foldVietnamese([story.title, story.summary, story.tags.join(" "), ...story.paragraphs].join(" ")),
        createdAt: written,
        updatedAt: published ? publishedAt : submitted,
      })
      .returning({ id: articles.id });
    const id = row!.id;
    const events: (typeof articleEvents.$inferInsert)[] = [{ articleId: id, kind: "created", actorId: author.id, at: written }];
    if (story.by === "collaborator") events.push({ articleId: id, kind: "submitted", actorId: author.id, at: submitted });
    if (story.stage === "returned") events.push({ articleId: id, kind: "returned", actorId: editor.id, comment: "Đề nghị bổ sung số liệu cụ thể và ảnh minh họa.", at: morningOf(today, story.daysAgo, 9) });
    if (story.stage === "scheduled") events.push({ articleId: id, kind: "scheduled", actorId: editor.id, at: submitted, details: { publishAt: publishedAt.toISOString() } });
    if (published) events.push({ articleId: id, kind: "published", actorId: editor.id, at: publishedAt });
    await db.insert(articleEvents).values(events);

    if (published) {
      // A few readers a day since it went out, more on the first days.
      const days = Math.min(story.daysAgo + 1, 14);
      const views = Array.from({ length: days }, (_, d) => ({ articleId: id, day: morningOf(today, story.daysAgo - d).toISOString().slice(0, 10), views: Math.max(3, 60 - d * 7 - index * 3) }));
      await db.insert(articleViewDays).values(views);
      await db.update(articles).set({ viewCount: views.reduce((sum, v) => sum + v.views, 0) }).where(eq(articles.id, id));
    }
  }
}
