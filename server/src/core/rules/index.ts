import type { Rule } from "../engine/types";
import title from "./title";
import missingSection from "./missing-section";
import sectionOrder from "./section-order";
import duplicateSection from "./duplicate-section";
import sectionNumber from "./section-number";
import unknownSection from "./unknown-section";
import emptySection from "./empty-section";
import missingDiagram from "./missing-diagram";
import emptyDiagram from "./empty-diagram";
import diagramExplained from "./diagram-explained";
import fileName from "./file-name";
import placeholder from "./placeholder";
import rubySyntax from "./ruby-syntax";
import sqlSyntax from "./sql-syntax";
import sectionContent from "./section-content";
import indexSync from "./index-sync";
import arithmetic from "./arithmetic";
import filler from "./filler";
import unwrittenSection from "./unwritten-section";
import repetition from "./repetition";

/** Every rule, in the order their messages are documented. The id is the file name. */
export const RULES: readonly Rule[] = [
  title,
  missingSection,
  sectionOrder,
  duplicateSection,
  sectionNumber,
  unknownSection,
  emptySection,
  missingDiagram,
  emptyDiagram,
  diagramExplained,
  fileName,
  unwrittenSection,
  placeholder,
  rubySyntax,
  sqlSyntax,
  sectionContent,
  arithmetic,
  filler,
  repetition,
  indexSync,
];
