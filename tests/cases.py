"""Shared test input: facts of one news event, one sentence each, that documents can be built from."""

from __future__ import annotations

#: Eight distinct facts about the Mexico extraditions (the seeds' event).
FACTS = [
    "Mexico extradited 29 cartel members to the United States on Thursday.",
    "Rafael Caro Quintero was among those sent to the United States.",
    "The Treviño brothers led the Zetas cartel for several years.",
    "Officials said the transfer followed talks in Washington this week.",
    "Tariffs of 25% on Mexican imports were due to start in March.",
    "The U.S. Attorney General said the cartels would be prosecuted.",
    "Critics argued that the move was mainly a political gesture by the government.",
    "Caro Quintero had been released in 2013 before his arrest in 2022.",
]
