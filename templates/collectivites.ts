// Contingent communal or intercommunal: rights a collectivité holds in return for loan guarantees (or land,
// subsidies), converted into a flux that shrinks as the guarantees' rights expire.
import { OPTION_CATALOGUE } from "../app/domain/convention/options";
import type { ConventionTemplateInput } from "../app/domain/convention/template-schema";
import { ABSENCE_DE_CANDIDAT, CLOSING_ARTICLES, SIGNATURES, TITRE, VISAS_COMMUNS, annexes, obligationsArticle } from "./common";

export const collectivites: ConventionTemplateInput = {
  id: "collectivites",
  version: "1.1.0",
  title: "Contingent communal ou intercommunal",
  description:
    "Convention de réservation en flux entre un bailleur et une collectivité (commune, EPCI ou département) dont les droits proviennent de garanties d'emprunt, d'apports de terrain ou de subventions.",
  reservataireKinds: ["commune", "epci", "departement"],
  multipartite: false,
  territoryKinds: ["communes", "epci"],
  defaults: {
    parameters: {},
    durationYears: 6,
    options: {},
  },
  options: [
    OPTION_CATALOGUE.gestion_collectivites,
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
        "Vu, là où elles existent, les orientations de la conférence intercommunale du logement et la convention intercommunale d'attribution ;",
        "Vu les contrats de prêt garantis et les conventions de réservation antérieures, dont les réservations en cours figurent en annexe.",
      ],
    },
    {
      section: "preambule",
      title: "Préambule",
      blocks: [
        "{{reservataire.nom}} détient des droits de réservation sur des logements de {{bailleur.nom}}, acquis principalement en contrepartie de la garantie des emprunts contractés pour les construire ou les acquérir.",
        "La réforme de la gestion en flux transforme ces droits, jusqu'ici attachés à des logements désignés, en une part du flux annuel des attributions du bailleur sur le territoire. Les parties entendent conserver à la collectivité une capacité d'agir au service de sa politique locale de l'habitat, dans le cadre fixé par la conférence intercommunale du logement.",
      ],
    },
    {
      section: "article",
      key: "objet",
      title: "Objet",
      blocks: [
        "La présente convention fixe la part du flux annuel d'attributions de {{bailleur.nom}} réservée à {{reservataire.nom}} sur {{territoire.libelle}}, et les modalités de sa gestion.",
      ],
    },
    {
      section: "article",
      key: "territoire",
      title: "Territoire et logements concernés",
      blocks: [
        "La convention s'applique aux logements locatifs sociaux du bailleur situés sur {{territoire.libelle}}, dans le département de {{territoire.departement}}. Tous les chiffres de la convention sont calculés sur ces seuls logements : après exclusions, l'assiette compte {{flux.assiette}} logements au {{convention.date_etat_des_lieux}}.",
        "Sont toujours exclus du flux, et restent gérés comme des logements identifiés, les logements réservés à la défense nationale, à la sécurité intérieure et aux établissements publics de santé, ainsi que les logements inscrits au plan de vente du bailleur ou voués à la démolition. {{option:logements_etudiants_specifiques}} Le décompte figure en annexe.",
      ],
    },
    {
      section: "article",
      key: "droits_garanties",
      title: "Droits acquis en contrepartie des garanties d'emprunt",
      blocks: [
        "Les droits de la collectivité résultent des garanties d'emprunt qu'elle a accordées, des terrains qu'elle a apportés et des subventions qu'elle a versées. Pour les garanties, la réservation ne pouvait dépasser 20 % des logements de chaque programme.",
        "Chaque droit issu d'une garantie prend fin cinq ans après le remboursement intégral de l'emprunt garanti. L'annexe « Réservations en cours et dates d'extinction » indique, commune par commune et réservation par réservation, le nombre de logements réservés et la date à laquelle le droit s'éteint, telle que l'état des lieux du bailleur la donne.",
      ],
    },
    {
      section: "article",
      key: "conversion",
      title: "Conversion des droits en flux",
      blocks: [
        "{{option:definition_rotation}}",
        "La part de la collectivité est égale au nombre de logements qu'elle réserve dans l'assiette, rapporté à cette assiette. Pour l'année {{convention.annee}}, le taux retenu est le {{flux.source_rotation}}, et le flux du bailleur sur le territoire est égal à l'assiette multipliée par ce taux, diminuée des déductions prévues : {{flux.calcul}}, soit une estimation de {{flux.total_arrondi}} logements, dont {{flux.volume_arrondi_reservataires}} pour la collectivité, soit {{flux.part_reservataires}} du flux ; l'engagement des parties porte sur ce pourcentage.",
        "Le détail du calcul figure en annexe.",
      ],
    },
    {
      section: "article",
      key: "evolution",
      title: "Évolution du flux à l'extinction des droits",
      blocks: [
        "Les logements dont le droit s'est éteint au cours de l'année précédente cessent d'être comptés pour la collectivité et rejoignent la part non réservée du bailleur ; la part de la collectivité est recalculée en conséquence.",
        "{{convention.mise_a_jour_annuelle}}",
        "Une nouvelle garantie ou un nouvel apport ouvre des droits selon les stipulations de l'article relatif aux programmes neufs.",
      ],
    },
    {
      section: "article",
      key: "cil",
      title: "Articulation avec la politique intercommunale des attributions",
      blocks: [
        "Les attributions réalisées au titre de la présente convention concourent aux objectifs de la convention intercommunale d'attribution, notamment en faveur des ménages prioritaires et de l'équilibre entre quartiers prioritaires et autres quartiers. Le bilan annuel en rend compte devant la conférence intercommunale du logement.",
      ],
    },
    {
      section: "article",
      key: "gestion",
      title: "Modalités de gestion",
      blocks: [
        "{{option:gestion_collectivites}}",
        "Le bailleur signale à la collectivité chaque logement libéré relevant de son flux selon les délais suivants :",
        "[[deadlines]]",
      ],
    },
    {
      section: "article",
      key: "designation",
      title: "Désignation des candidats et décompte",
      blocks: [
        "La collectivité présente trois candidats par logement. La commission d'attribution reste seule juge de l'attribution et motive ses refus.",
        ABSENCE_DE_CANDIDAT,
        "{{option:decompte}}",
      ],
    },
    {
      section: "article",
      key: "programmes_neufs",
      title: "Programmes neufs et nouvelles garanties",
      blocks: ["{{option:programmes_neufs}}"],
    },
    {
      section: "article",
      key: "information",
      title: "Information de la collectivité",
      blocks: [
        "Le bailleur informe la collectivité des baux signés pour son compte, des refus des candidats et de leurs motifs, ainsi que des décisions de la commission d'attribution les concernant.",
      ],
    },
    obligationsArticle({ priorities: true }),
    ...CLOSING_ARTICLES,
    ...annexes({ reservations: true }),
    SIGNATURES,
  ],
};
