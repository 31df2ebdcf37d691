// Contingent préfectoral: the convention between a bailleur and the préfet (DDETS), following the structure of the
// State's model and the ministerial list of the matters it must settle.
import { OPTION_CATALOGUE } from "../app/domain/convention/options";
import type { ConventionTemplateInput } from "../app/domain/convention/template-schema";
import { ABSENCE_DE_CANDIDAT, CLOSING_ARTICLES, SIGNATURES, TITRE, VISAS_COMMUNS, annexes, obligationsArticle } from "./common";

export const prefectoral: ConventionTemplateInput = {
  id: "prefectoral",
  version: "1.1.0",
  title: "Contingent préfectoral",
  description:
    "Convention de réservation en flux entre un bailleur et le préfet (DDETS) pour les publics prioritaires et les agents de l'État.",
  reservataireKinds: ["prefet"],
  multipartite: false,
  territoryKinds: ["departement"],
  defaults: {
    parameters: {},
    durationYears: 6,
    options: {},
  },
  options: [
    OPTION_CATALOGUE.gestion_prefet,
    OPTION_CATALOGUE.repartition_prefet,
    OPTION_CATALOGUE.decompte,
    OPTION_CATALOGUE.programmes_neufs,
    OPTION_CATALOGUE.definition_rotation,
    OPTION_CATALOGUE.logements_etudiants_specifiques,
  ],
  sections: [
    TITRE,
    {
      section: "visas",
      title: "Visas",
      blocks: [
        ...VISAS_COMMUNS,
        "Vu l'accord collectif départemental et le plan départemental d'action pour le logement et l'hébergement des personnes défavorisées ;",
        "Vu l'état des lieux des réservations transmis par le bailleur et figurant en annexe.",
      ],
    },
    {
      section: "preambule",
      title: "Préambule",
      blocks: [
        "Depuis la loi ELAN, les droits de réservation portent non plus sur des logements désignés mais sur un flux annuel d'attributions calculé sur l'ensemble du parc du bailleur dans le département de {{territoire.departement}}.",
        "Le contingent du préfet contribue au logement des ménages prioritaires, en particulier ceux reconnus au titre du droit au logement opposable, et des agents de l'État. Il est fixé en pourcentage du flux annuel, dans la limite de 30 %, dont 5 % au plus pour les agents de l'État, fixée par l'article R. 441-5 du code de la construction et de l'habitation.",
        "La présente convention, signée avant les conventions des autres réservataires, fixe ce pourcentage et les modalités pratiques de sa mise en œuvre.",
      ],
    },
    {
      section: "article",
      key: "objet",
      title: "Objet",
      blocks: [
        "La présente convention détermine, pour le département de {{territoire.departement}}, la part du flux annuel d'attributions de {{bailleur.nom}} réservée au préfet, ainsi que les conditions dans lesquelles les logements lui sont proposés, attribués et décomptés.",
      ],
    },
    {
      section: "article",
      key: "patrimoine",
      title: "Logements concernés",
      blocks: [
        "Le flux porte sur les logements locatifs sociaux du bailleur situés sur {{territoire.libelle}}, soit {{flux.assiette}} logements au {{convention.date_etat_des_lieux}} après exclusions. L'état des lieux des réservations figure en annexe.",
        "Sont toujours exclus du flux, et restent gérés comme des logements identifiés, les logements réservés à la défense nationale, à la sécurité intérieure et aux établissements publics de santé, ainsi que les logements inscrits au plan de vente du bailleur ou voués à la démolition. {{option:logements_etudiants_specifiques}} Le décompte figure en annexe.",
      ],
    },
    {
      section: "article",
      key: "flux_annuel",
      title: "Taux de rotation et volume du flux",
      blocks: [
        "{{option:definition_rotation}}",
        "Pour l'année {{convention.annee}}, le taux retenu est le {{flux.source_rotation}}. Le flux annuel est égal à l'assiette multipliée par ce taux, diminuée des déductions prévues pour l'année : {{flux.calcul}}, soit une estimation de {{flux.total_arrondi}} logements ; l'engagement des parties porte sur les pourcentages.",
        "Le contingent préfectoral représente {{flux.part_kind:prefet}} de ce flux, soit {{flux.volume_arrondi_kind:prefet}} logements :",
        "- publics prioritaires : {{flux.part_kind:prefet_prioritaires}}, soit {{flux.volume_arrondi_kind:prefet_prioritaires}} logements ;\n- agents de l'État : {{flux.part_kind:prefet_fonctionnaires}}, soit {{flux.volume_arrondi_kind:prefet_fonctionnaires}} logements.",
        "Le détail du calcul figure en annexe.",
      ],
    },
    {
      section: "article",
      key: "publics",
      title: "Publics bénéficiaires",
      blocks: [
        "Les logements du contingent sont attribués aux ménages relevant des critères de priorité de l'article L. 441-1 du code de la construction et de l'habitation, en premier lieu aux ménages reconnus prioritaires au titre du droit au logement opposable, ainsi qu'aux ménages identifiés par l'accord collectif départemental.",
        "Les logements destinés aux agents de l'État sont attribués aux agents civils et militaires présentés par les services de l'État.",
      ],
    },
    {
      section: "article",
      key: "gestion",
      title: "Modalités de gestion et répartition territoriale",
      blocks: ["{{option:gestion_prefet}}", "{{option:repartition_prefet}}"],
    },
    {
      section: "article",
      key: "signalement",
      title: "Signalement des logements libérés",
      blocks: [
        "Dès qu'il reçoit un congé, le bailleur signale le logement à la DDETS en précisant son adresse, sa typologie, sa surface, son loyer et ses charges, son accessibilité et la date prévue de sa disponibilité.",
        "Les délais applicables sont les suivants :",
        "[[deadlines]]",
      ],
    },
    {
      section: "article",
      key: "designation",
      title: "Délais de désignation et absence de candidat",
      blocks: [
        "La DDETS indique dans un délai de 5 jours ouvrés si elle peut présenter des candidats, puis en propose trois dans les délais fixés à l'article relatif au signalement des logements libérés.",
        ABSENCE_DE_CANDIDAT,
        "{{option:decompte}}",
      ],
    },
    {
      section: "article",
      key: "caleol",
      title: "Décisions de la commission d'attribution",
      blocks: [
        "La commission d'attribution et d'examen de l'occupation des logements décide souverainement de l'attribution. Elle classe les candidats présentés et motive par écrit toute décision de refus ou de non-attribution, qui est notifiée à la DDETS.",
      ],
    },
    {
      section: "article",
      key: "reprise",
      title: "Reprise d'un logement pour un tour",
      blocks: [
        "Lorsqu'un logement n'a pu être attribué à un candidat du contingent, le bailleur peut le reprendre pour une seule attribution, pour son propre compte ; le logement rejoint ensuite le flux. Il est décompté au titre du préfet selon le fait générateur retenu à l'article relatif aux délais de désignation.",
      ],
    },
    {
      section: "article",
      key: "programmes_neufs",
      title: "Programmes neufs",
      blocks: ["{{option:programmes_neufs}}"],
    },
    {
      section: "article",
      key: "information",
      title: "Information sur les baux signés et les refus",
      blocks: [
        "Le bailleur informe la DDETS de chaque bail signé au titre du contingent et enregistre l'attribution dans le système national d'enregistrement. Il lui signale également, avec leur motif, les refus opposés par les candidats et les décisions de refus de la commission.",
      ],
    },
    obligationsArticle({ priorities: false }),
    ...CLOSING_ARTICLES,
    ...annexes(),
    SIGNATURES,
  ],
};
