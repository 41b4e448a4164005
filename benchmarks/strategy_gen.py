"""A 20-criterion, 10-rule strategy: the size the check and throughput budgets are set for."""

from pathlib import Path

import tomli_w


def big_strategy() -> dict[str, object]:
    criteria: list[dict[str, object]] = [
        {
            "id": f"want_{i}",
            "label": f"Want number {i}",
            "question": f"How well does it meet want {i}?",
            "weight": 1 + i % 5,
            "rating": True,
        }
        for i in range(16)
    ]
    criteria += [
        {"id": "fee", "label": "Pays", "weight": 4, "field": "fee", "worst": 0, "best": 3000},
        {
            "id": "load",
            "label": "Light",
            "weight": 2,
            "field": "hours_per_week",
            "worst": 15,
            "best": 1,
        },
        {"id": "length", "label": "Short", "weight": 1, "field": "weeks", "worst": 52, "best": 2},
        {
            "id": "posture",
            "label": "Open partner",
            "weight": 3,
            "rating": True,
            "kinds": ["partner_offer"],
        },
    ]
    rules: list[dict[str, object]] = [
        {
            "id": "no-capacity",
            "when": "hours_per_week > capacity.available",
            "then": "decline",
            "reason": "No hours",
        },
        {"id": "cheap", "when": "fee < 300", "then": "decline", "reason": "Too cheap"},
        {
            "id": "closed",
            "when": "kind == 'partner_offer' and rating.posture <= 1",
            "then": "decline",
            "reason": "Closed",
        },
        {
            "id": "dream",
            "when": "rating.want_0 >= 5 and rating.want_1 >= 4",
            "then": "accept",
            "reason": "Dream",
        },
        {"id": "rich", "when": "fee >= 5000 and score >= 50", "then": "accept", "reason": "Rich"},
        {"id": "long", "when": "weeks > 26", "then": "flag", "reason": "Long"},
        {"id": "urgent", "when": "'urgent' in title", "then": "flag", "reason": "Urgent"},
        {"id": "tight", "when": "capacity.after < 2", "then": "flag", "reason": "Tight"},
        {
            "id": "kinds",
            "when": "kind in ['client_request', 'speaking'] and rating.want_2 < 2",
            "then": "flag",
            "reason": "Off",
        },
        {"id": "remote", "when": "not remote and weeks >= 4", "then": "flag", "reason": "On site"},
    ]
    return {
        "schema": 1,
        "name": "Benchmark strategy",
        "lighthouse": "Twenty criteria and ten rules",
        "kinds": ["speaking"],
        "fields": {"remote": "bool"},
        "capacity": {"hours_per_week": 12},
        "criteria": criteria,
        "rules": rules,
    }


def write_big_strategy(path: Path) -> Path:
    path.write_text(tomli_w.dumps(big_strategy()), encoding="utf-8")
    return path
