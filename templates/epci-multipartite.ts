// EPCI multipartite convention: every bailleur and every réservataire of an EPCI's territory sign one document.
// Articles about one kind of réservataire are written only when such a party takes part.
import { OPTION_CATALOGUE } from "../app/domain/convention/options";
import type { ConventionTemplateInput } from "../app/domain/convention/template-schema";
import { ABSENCE_DE_CANDIDAT, CLOSING_ARTICLES, SIGNATURES, VISAS_COMMUNS, annexes, obligationsArticle } from "./common";

export const epciMultipartite: ConventionTemplateInput = {
  id: "epci-multipartite",
  version: "1.1.0",
  title: "Convention multipartite intercommunale",
  description:
    "Convention unique de gestion en flux réunissant, sur le territoire d'un EPCI, l'ensemble des bailleurs et des réservataires.",
  reservataireKinds: ["prefet", "action_logement", "commune", "epci", "departement", "region", "autre"],
  multipartite: true,
  territoryKinds: ["epci"],
  defaults: {
    parameters: {},
    durationYears: 6,
    options: {},
  },
  options: [
    OPTION_CATALOGUE.gestion_prefet,
    OPTION_CATALOGUE.repartition_prefet,
    OPTION_CATALOGUE.gestion_action_logement,
    OPTION_CATALOGUE.droits_de_suite,
    OPTION_CATALOGUE.gestion_collectivites,
    OPTION_CATALOGUE.decompte,
    OPTION_CATALOGUE.programmes_neufs,
    OPTION_CATALOGUE.definition_rotation,
    OPTION_CATALOGUE.logements_etudiants_specifiques,
  ],
  sections: [
    {
      section: "titre",
      blocks: [
        "Convention multipartite de gestion en flux des réservations de logements locatifs sociaux sur le territoire de {{territoire.epci}}, à compter de {{convention.annee}}.",
        "**Entre** les bailleurs sociaux : {{bailleur.designation}},",
        "**et** les réservataires : {{reservataires.designation}}.",
        "Convention pilotée par {{pilote.nom}}.",
      ],
    },
    {
      section: "visas",
      title: "Visas",
      blocks: [
        ...VISAS_COMMUNS,
        "Vu la convention intercommunale d'attribution de {{territoire.epci}}, là où elle a été conclue ;",
        "Vu l'instruction du Gouvernement du 28 mars 2022 relative à la gestion en flux, qui permet une convention unique à l'échelle d'un EPCI ;",
        "Vu les orientations adoptées par la conférence intercommunale du logement de {{territoire.epci}}.",
      ],
    },
    {
      section: "preambule",
      title: "Préambule",
      blocks: [
        "Sur le territoire de {{territoire.epci}}, plusieurs bailleurs et plusieurs réservataires partagent le même parc social. Plutôt qu'une convention par couple bailleur–réservataire, ils choisissent un document unique, négocié ensemble, qui rend lisibles les règles communes et la part de chacun.",
        "Cette convention met en œuvre localement la gestion en flux instituée par la loi ELAN et précisée par la loi 3DS, au service des orientations de la politique intercommunale des attributions.",
      ],
    },
    {
      section: "article",
      key: "objet",
      title: "Objet et parties",
      blocks: [
        "La présente convention organise la gestion en flux des droits de réservation de {{reservataires.liste}} sur les logements de {{bailleur.nom}} situés sur le territoire de {{territoire.epci}}.",
        "Chaque partie peut en demander la révision ; l'EPCI en assure le suivi avec le pilote désigné, {{pilote.nom}}.",
      ],
    },
    {
      section: "article",
      key: "perimetre",
      title: "Périmètre et logements concernés",
      blocks: [
        "Sont concernés les logements locatifs sociaux des bailleurs signataires situés sur le territoire de {{territoire.libelle}}, soit une assiette de {{flux.assiette}} logements au {{convention.date_etat_des_lieux}}. Chaque bailleur calcule son flux sur ses propres logements du territoire, d'après son propre état des lieux.",
        "Sont toujours exclus du flux, et restent gérés comme des logements identifiés, les logements réservés à la défense nationale, à la sécurité intérieure et aux établissements publics de santé, ainsi que les logements inscrits au plan de vente du bailleur ou voués à la démolition. {{option:logements_etudiants_specifiques}} Le décompte figure en annexe.",
      ],
    },
    {
      section: "article",
      key: "flux_annuel",
      title: "Calcul et répartition du flux",
      blocks: [
        "{{option:definition_rotation}}",
        "Pour l'année {{convention.annee}}, le taux retenu est le {{flux.source_rotation}}. Le flux de chaque bailleur est égal à l'assiette de ses logements du territoire multipliée par ce taux, diminuée des déductions prévues : {{flux.calcul}}, soit au total une estimation de {{flux.total_arrondi}} logements, dont {{flux.volume_arrondi_reservataires}} pour l'ensemble des réservataires ; l'engagement des parties porte sur les pourcentages.",
        "La part de chaque réservataire est égale aux logements qu'il réserve dans l'assiette rapportés à celle-ci, sauf part négociée, et elle est la même dans toutes les conventions du bailleur sur ce territoire et pour cette année. La répartition détaillée, bailleur par bailleur, figure ci-dessous et en annexe.",
        "[[flux_table]]",
      ],
    },
    {
      section: "article",
      key: "contingent_prefet",
      title: "Contingent préfectoral",
      appliesTo: ["prefet"],
      blocks: [
        "Le préfet dispose de {{flux.part_kind:prefet}} du flux, soit {{flux.volume_arrondi_kind:prefet}} logements, dont {{flux.volume_arrondi_kind:prefet_fonctionnaires}} pour les agents de l'État, dans la limite de 30 % du flux, dont 5 % au plus pour les agents de l'État, fixée par l'article R. 441-5 du code de la construction et de l'habitation. Ce contingent bénéficie aux ménages prioritaires, en particulier à ceux reconnus au titre du droit au logement opposable.",
        "{{option:gestion_prefet}}",
        "{{option:repartition_prefet}}",
      ],
    },
    {
      section: "article",
      key: "action_logement",
      title: "Flux d'Action Logement",
      appliesTo: ["action_logement"],
      blocks: [
        "Action Logement dispose de {{flux.part_kind:action_logement}} du flux, soit {{flux.volume_arrondi_kind:action_logement}} logements, au bénéfice des salariés des entreprises cotisantes.",
        "{{option:droits_de_suite}}",
        "{{option:gestion_action_logement}}",
      ],
    },
    {
      section: "article",
      key: "collectivites",
      title: "Contingents des collectivités",
      appliesTo: ["commune", "epci", "departement", "region"],
      blocks: [
        "Les droits des collectivités proviennent pour l'essentiel de garanties d'emprunt ; chacun s'éteint cinq ans après le remboursement de l'emprunt garanti, et la part de la collectivité diminue d'autant à la mise à jour annuelle prévue à l'article relatif au bilan annuel.",
        "{{option:gestion_collectivites}}",
      ],
    },
    {
      section: "article",
      key: "orientation",
      title: "Orientation des logements libérés",
      blocks: [
        "Les logements libérés sont orientés vers les réservataires selon les besoins des ménages et non selon des logements choisis à l'avance. Les résidences sont classées en trois catégories :",
        "- celles qui peuvent accueillir des ménages fragiles ;\n- celles dont l'équilibre est à préserver, où l'on recherche un ménage comparable à celui qui part ;\n- celles en difficulté, qui relèvent d'une politique de rééquilibrage.",
        "La première année est une année de test, pendant laquelle les réservataires ne qualifient pas les logements qu'ils souhaitent ; la transition est achevée en trois ans.",
      ],
    },
    {
      section: "article",
      key: "gestion",
      title: "Signalement des logements et délais",
      blocks: ["Chaque bailleur signale les logements libérés au réservataire concerné dans les délais suivants :", "[[deadlines]]"],
    },
    {
      section: "article",
      key: "designation",
      title: "Désignation, décisions de la commission et décompte",
      blocks: [
        "Chaque réservataire présente trois candidats par logement. La commission d'attribution de chaque bailleur statue souverainement et motive ses refus.",
        ABSENCE_DE_CANDIDAT,
        "{{option:decompte}}",
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
      key: "gouvernance",
      title: "Gouvernance et suivi intercommunal",
      blocks: [
        "Un comité réunissant les signataires, animé par l'EPCI, se tient au moins une fois par an. Il examine les bilans des bailleurs, suit l'atteinte des objectifs de la convention intercommunale d'attribution et des objectifs de l'article L. 441-1, prépare l'annexe annuelle et, le cas échéant, les avenants. Ses travaux sont présentés à la conférence intercommunale du logement.",
      ],
    },
    obligationsArticle({ priorities: true }),
    ...CLOSING_ARTICLES,
    ...annexes(),
    SIGNATURES,
  ],
};
