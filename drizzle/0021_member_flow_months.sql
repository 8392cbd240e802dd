CREATE TABLE "member_flow_months" (
	"unit_id" uuid NOT NULL,
	"month" date NOT NULL,
	"kind" text NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "member_flow_months_unit_id_month_kind_pk" PRIMARY KEY("unit_id","month","kind")
);
