"""State diagrams generated from the flows' machines (Mermaid text, no graphviz)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from bot.flows import casework
from bot.flows.intake import DRAFT_STATES, SEQUENCE, IntakeConversation


def mermaid() -> str:
    """The intake machine as a Mermaid state diagram; edges from every step are drawn once."""
    machine = IntakeConversation.machine
    # (trigger, dest, guard) -> sources; an edge leaving every draft step is drawn from
    # the composite "report" state instead of fourteen times.
    edges: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for trigger, event in machine.events.items():
        for source, transitions in event.transitions.items():
            for transition in transitions:
                if transition.dest is None:
                    continue
                editing = any(
                    getattr(c.func, "__name__", "") == "_is_editing" for c in transition.conditions
                )
                edges[(trigger, transition.dest, " [editing]" if editing else "")].add(source)
    lines = ["stateDiagram-v2", "    [*] --> start", "    state report {"]
    lines += [f"        {state}" for state in SEQUENCE]
    lines.append("    }")
    for (trigger, dest, guard), sources in sorted(edges.items()):
        if trigger == "resume":
            continue
        if sources >= DRAFT_STATES:
            lines.append(f"    report --> {dest}: {trigger}{guard}")
            sources = sources - DRAFT_STATES
        lines += [f"    {source} --> {dest}: {trigger}{guard}" for source in sorted(sources)]
    lines.append("    language --> report: resume (back to the step left)")
    lines.append("    confirm_restart --> report: resume (back to the step left)")
    lines.append("    declined --> [*]")
    return "\n".join(lines)


def markdown() -> str:
    """docs/intake-flow.md: the diagram with a short explanation."""
    return (
        "# Intake flow\n\n"
        "Generated from the state machine in `bot/flows/intake.py` by\n"
        "`mediation-bot diagram --write` (a test fails when this file and the machine disagree).\n"
        "The states inside `report` are the nine numbered steps the reporter sees; each of\n"
        "them also answers `/cancel`, `/language` and `/start` (which asks before discarding\n"
        "the draft).\n\n"
        f"```mermaid\n{mermaid()}\n```\n"
    )


def casework_mermaid() -> str:
    """The case lifecycle machine as a Mermaid diagram, guards in brackets."""
    machine = casework.lifecycle_machine()
    edges: dict[tuple[str, str], list[str]] = defaultdict(list)
    for trigger, event in machine.events.items():
        for source, transitions in event.transitions.items():
            for transition in transitions:
                dest = transition.dest or source
                guards = [
                    ("" if condition.target else "not ") + str(condition.func).strip("_")
                    for condition in transition.conditions
                ]
                label = trigger + (f" [{', '.join(guards)}]" if guards else "")
                edges[(source, dest)].append(label)
    lines = ["stateDiagram-v2", "    [*] --> submitted"]
    for (source, dest), labels in sorted(edges.items()):
        lines.append(f"    {source} --> {dest}: {' / '.join(sorted(set(labels)))}")
    lines += ["    resolved --> [*]", "    failed --> [*]", "    closed --> [*]"]
    return "\n".join(lines)


def casework_markdown() -> str:
    """docs/casework-flow.md: the case lifecycle with the rules in words."""
    return (
        "# Casework flow\n\n"
        "Generated from the state machine in `bot/flows/casework.py` by\n"
        "`mediation-bot diagram --flow casework --write` (a test keeps it current).\n"
        "States are case statuses; edges are what a mediator does from the case card, with\n"
        "who may do it: `member` = a member of the handling office's group (asked of Telegram\n"
        "at the moment of the press), `owner` = the mediator who claimed the case (首接负责制),\n"
        "`may_claim` = a member who is neither a party nor recused.\n\n"
        f"```mermaid\n{casework_mermaid()}\n```\n"
    )


#: Every flow with a diagram: name -> (Mermaid text, Markdown page).
FLOWS: dict[str, tuple[Callable[[], str], Callable[[], str]]] = {
    "intake": (mermaid, markdown),
    "casework": (casework_mermaid, casework_markdown),
}
