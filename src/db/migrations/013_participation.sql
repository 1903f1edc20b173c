-- Social participation: organisations, the anonymised needs board, consumption assistance (消费帮扶).

-- An organisation registers itself (public form); a county officer approves (an account of role
-- 'organisation' is created from the username and password hash given at registration) or rejects.
create table organisation (
  id bigserial primary key,
  name text not null,
  kind text not null check (kind in ('enterprise', 'ngo', 'volunteer', 'paired_unit', 'consumer_group')),
  credit_code varchar(18) collate "C", -- unified social credit code (GB 32100), validated
  contact_person text not null,
  contact_phone text not null,
  region_code varchar(12) collate "C" not null references region (code), -- region served
  status text not null default 'pending' check (status in ('pending', 'approved', 'rejected')),
  username text not null,
  password_hash text not null,
  user_id bigint references app_user (id) on delete set null,
  reviewed_by bigint references app_user (id),
  reviewed_at timestamptz,
  reject_reason text,
  synthetic boolean not null default false,
  created_at timestamptz not null default now()
);
create index organisation_region_idx on organisation (region_code);
create index organisation_status_idx on organisation (status);
create unique index organisation_user_idx on organisation (user_id) where user_id is not null;
create unique index organisation_code_idx on organisation (credit_code)
  where credit_code is not null and status <> 'rejected';

-- A need published by a cadre for a household or a village. The household link and the village stay
-- internal: organisations see the kind, the text, the amount and the township only.
create table need (
  id bigserial primary key,
  kind text not null check (kind in ('school_aid', 'medical_aid', 'house_repair', 'industry', 'jobs',
    'training', 'daily_necessities', 'village_project')),
  source text not null check (source in ('household', 'village')),
  household_id bigint references household (id) on delete cascade,
  village_code varchar(12) collate "C" not null references region (code),
  township_code varchar(9) collate "C" not null references region (code),
  title text not null,
  description text not null default '',
  amount numeric(12, 2) not null check (amount >= 0), -- estimated value, yuan
  status text not null default 'open'
    check (status in ('open', 'pledged', 'delivered', 'confirmed', 'withdrawn')),
  published_by bigint references app_user (id),
  published_at timestamptz not null default now(),
  matched_at timestamptz,
  delivered_at timestamptz,
  confirmed_at timestamptz,
  confirmed_by text check (confirmed_by in ('household', 'village')),
  confirm_note text,
  confirm_rating smallint check (confirm_rating between 1 and 5),
  on_behalf_reason text, -- a village cadre confirmed a household need for the household
  synthetic boolean not null default false,
  check ((source = 'household') = (household_id is not null))
);
create index need_township_idx on need (township_code, status);
create index need_village_idx on need (village_code);
create index need_household_idx on need (household_id) where household_id is not null;

create table need_pledge (
  id bigserial primary key,
  need_id bigint not null unique references need (id) on delete cascade,
  organisation_id bigint not null references organisation (id) on delete cascade,
  amount numeric(12, 2) not null check (amount >= 0),
  quantity integer check (quantity > 0),
  expected_date date,
  note text,
  pledged_at timestamptz not null default now(),
  delivered_at timestamptz,
  delivery_note text
);
create index need_pledge_org_idx on need_pledge (organisation_id);

-- Consumption assistance: products of poor households and cooperatives.
create table product (
  id bigserial primary key,
  name text not null,
  producer_kind text not null check (producer_kind in ('household', 'cooperative')),
  producer_name text, -- a cooperative's name; never a person's
  township_code varchar(9) collate "C" not null references region (code),
  unit text not null,
  price numeric(10, 2) not null check (price > 0),
  quantity_available numeric(12, 2) not null check (quantity_available >= 0),
  season text,
  description text not null default '',
  active boolean not null default true,
  created_by bigint references app_user (id),
  created_at timestamptz not null default now(),
  synthetic boolean not null default false
);
create index product_township_idx on product (township_code);

-- The households whose income a product's sales carry (internal), with their shares.
create table product_household (
  product_id bigint not null references product (id) on delete cascade,
  household_id bigint not null references household (id) on delete cascade,
  share numeric(8, 4) not null default 1 check (share > 0),
  primary key (product_id, household_id)
);
create index product_household_household_idx on product_household (household_id);

create table product_order (
  id bigserial primary key,
  product_id bigint not null references product (id) on delete cascade,
  organisation_id bigint not null references organisation (id) on delete cascade,
  kind text not null default 'order' check (kind in ('order', 'commitment')),
  quantity numeric(12, 2) not null check (quantity > 0),
  unit_price numeric(10, 2) not null,
  amount numeric(12, 2) not null,
  status text not null default 'ordered' check (status in ('ordered', 'fulfilled', 'cancelled')),
  note text,
  ordered_at timestamptz not null default now(),
  fulfilled_at timestamptz,
  fulfilled_by bigint references app_user (id)
);
create index product_order_org_idx on product_order (organisation_id);
create index product_order_product_idx on product_order (product_id);

-- Income that reached households from fulfilled orders (the order amount split by share).
create table product_income (
  order_id bigint not null references product_order (id) on delete cascade,
  household_id bigint not null references household (id) on delete cascade,
  amount numeric(12, 2) not null,
  primary key (order_id, household_id)
);
create index product_income_household_idx on product_income (household_id);
