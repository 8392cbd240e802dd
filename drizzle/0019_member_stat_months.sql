CREATE TABLE "member_stat_months" (
	"unit_id" uuid NOT NULL,
	"month" date NOT NULL,
	"dim" text NOT NULL,
	"value" text NOT NULL,
	"delta" integer NOT NULL,
	CONSTRAINT "member_stat_months_unit_id_month_dim_value_pk" PRIMARY KEY("unit_id","month","dim","value")
);
