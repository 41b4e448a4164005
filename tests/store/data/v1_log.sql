-- A decision log as the first Lighthouse wrote it (log version 1), in v1's shape: decisions
-- have no kind, hours_per_week or weeks columns yet; those live only in the opportunity's
-- fields. The test applies MIGRATIONS[0] first, then this script.
PRAGMA application_id = 1279808561;  -- 0x4C485431, "LHT1"
PRAGMA user_version = 1;

INSERT INTO strategies (fingerprint, name, source, content, first_used) VALUES (
    '837280d8d757c31cfa5b8801166ab371e48431642c5811353c6be57fa103d011',
    'Coaching 2026',
    'strategy.toml',
    CAST('schema = 1
name = "Coaching 2026"
lighthouse = "Be the coach B2B consultants think of first"
' AS BLOB),
    '2026-06-01T09:00:00.000000Z'
);

INSERT INTO opportunities (id, kind, title, source, fields, ratings, received, status, import_key)
VALUES
    (1, 'client_request', 'Leadership workshop', 'ann@example.com',
     '{"title":"Leadership workshop","source":"ann@example.com","fee":900.0,"hours_per_week":6.0,"weeks":8.0}',
     '{"alignment":4.0}', '2026-06-01T08:00:00.000000Z', 'decided', NULL),
    (2, 'partner_offer', 'Co-branded webinar', NULL,
     '{"title":"Co-branded webinar"}',
     '{"alignment":2.0,"posture":1.0}', '2026-06-02T08:00:00.000000Z', 'decided', 'mail-17'),
    (3, 'opportunity', 'Conference booth', NULL,
     '{"title":"Conference booth","fee":0.0}',
     '{}', '2026-06-03T08:00:00.000000Z', 'pending', NULL);

INSERT INTO decisions (id, opportunity_id, decided_at, default_choice, verdict, score,
                       provisional, evaluation, strategy, final_choice, note)
VALUES
    (1, 1, '2026-06-01T09:30:00.000000Z', 'accept', 'accept', 71.5, 0,
     '{"verdict":"accept","score":71.5,"provisional":false}',
     '837280d8d757c31cfa5b8801166ab371e48431642c5811353c6be57fa103d011', 'accept',
     'fits the lighthouse'),
    (2, 2, '2026-06-02T09:30:00.000000Z', 'accept', 'decline', 22.0, 0,
     '{"verdict":"decline","score":22.0,"provisional":false}',
     '837280d8d757c31cfa5b8801166ab371e48431642c5811353c6be57fa103d011', 'decline', NULL);
