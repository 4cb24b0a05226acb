// The one door to the Rust side: the generated bindings, plus `call`, which turns an error
// result into an ApiError carrying the stable code that the UI translates.
import { commands } from "./bindings";
import type {
  AppInfo_Serialize,
  BackupRow_Serialize,
  BackupStatus_Serialize,
  CheckResult_Serialize,
  RestoreOutcome_Serialize,
  CopyEntry_Serialize,
  Card_Serialize,
  Contact_Serialize,
  ContactFields_Serialize,
  CardFields_Serialize,
  CardPage_Serialize,
  CardQuery_Serialize,
  CardRow_Serialize,
  SearchResults_Serialize,
  ImportPreview_Serialize,
  SheetPreview_Serialize,
  ImportBatch_Serialize,
  ImportRequest_Deserialize,
  Mapping_Serialize,
  SavedMapping_Serialize,
  BulkChange_Deserialize,
  ErrorReport_Serialize,
  ErrorCode,
  FieldIssue_Serialize,
  HistoryEntry_Serialize,
  KeyPerson_Serialize,
  KeyPersonFields_Serialize,
  Settings_Serialize,
  Note_Serialize,
  NoteFields_Serialize,
  NotePage_Serialize,
  NoteRow_Serialize,
  NoteQuery_Deserialize,
  PlannedVisit_Serialize,
  Appointment_Deserialize,
  DailyReport_Serialize,
  PlanLine_Serialize,
  PlanLineFields_Serialize,
  PlanOverview_Serialize,
  PlanProgress_Serialize,
  DailyReview as DailyReviewBinding,
  MonthAmount as MonthAmountBinding,
  CardCheck as CardCheckBinding,
  CardLinks_Serialize,
  Payment_Serialize,
  CardLinkFields_Deserialize,
  DailyContact_Serialize,
  Messaging_Serialize,
  VisitBrief_Serialize,
  VisitCandidate_Serialize,
  VisitCandidateQuery_Deserialize,
  Assessment_Serialize,
  AssessmentChanges_Serialize,
  AssessmentFields_Serialize,
  CardCompetition_Serialize,
  ProductHint_Serialize,
  CardProduct_Serialize,
  CardProductFields_Serialize,
  CaseMatch_Serialize,
  CaseStudy_Serialize,
  CaseStudyFields_Serialize,
  CategoryShare_Serialize,
  Competitor_Serialize,
  CompetitorFields_Serialize,
  Criterion_Serialize,
  Product_Serialize,
  ProductFields_Serialize,
  ProductScores_Serialize,
  Sheet_Serialize,
  SheetFields_Serialize,
  SheetSummary_Serialize,
  SheetView_Serialize,
  VersusText_Serialize,
  ReportRequest_Deserialize,
  HandoverPreview_Serialize,
  TakeOver_Serialize,
  CardSales_Serialize,
  ClassConfig_Serialize,
  ClassificationView_Serialize,
  CollectionPlan_Serialize,
  Dashboard_Serialize,
  DashboardQuery_Serialize,
  ParetoBar_Serialize,
  ReceivableRow_Serialize,
  Receivables_Serialize,
  Reclassified_Serialize,
  SalesSummary_Serialize,
  StoredClass_Serialize,
  Transaction_Serialize,
  TransactionFields_Serialize,
  GradeBand_Serialize,
  CardClass_Serialize,
} from "./bindings";
import { t } from "../i18n/i18n.svelte";

export { commands };
export type {
  CardId,
  ContactId,
  KeyPersonId,
  NoteId,
  VisitId,
  TransactionId,
  CompetitorId,
  ProductId,
  SheetId,
  AssessmentId,
  CardProductId,
  CaseId,
  HandedOver,
  Borrowed,
  LinkKind,
  BackupInfo,
  Protection,
  KeyKind,
  Counts,
  Segment,
  ImportField,
  DuplicateChoice,
  DuplicatePair,
  MergeOutcome,
  ImportOutcome,
  ImportProgress,
  CardKind,
  CardStatus,
  ComplaintChannel,
  ComplaintState,
  ContactKind,
  CardSort,
  HistoryAction,
  HistoryEntity,
  InfoSource,
  KeyRole,
  Lang as ApiLang,
  ListView_Serialize as ListView,
  LeadSource,
  OrganisationProfile_Serialize as OrganisationProfile,
  Receipt_Serialize as Receipt,
  IndividualProfile_Serialize as IndividualProfile,
  Facets,
  Certainty,
  FollowUp,
  FollowUpBucket,
  FollowUps,
  Grade,
  NoteCategory,
  NoteMeans,
  ProductTotal,
  ProductUsage,
  Renewal,
  Reminder,
  ReminderKind,
  Reminders,
  ReminderLeads,
  Greeting,
  Abc,
  AgeBucket,
  AgeTotal,
  ClassList,
  CompletenessItem,
  ContactedFilter,
  IncompleteCard,
  KindCount,
  LastRun,
  Loyalty,
  OwnerCompleteness,
  OwnerCount,
  Reason,
  ReasonKind,
  StatusCount,
  TransactionKind,
  ValueTier,
  VolumeBasis,
  WeekContacts,
  ListColumn,
  ReportKind,
  ReportOutcome,
  FullExport,
  FullExportForm,
  ReportProgress,
  Currency,
  Choice,
  Keep,
  ReturnConflict,
  HandoverExport,
  PlanImport,
  CollectionMonth,
  SegmentSales,
  Segments,
  HintKind,
  PlanMonth,
  PlanRowProblem,
  PlanScope,
  Unplanned,
  CardLinkKind,
  LinkedCard,
  GroupMember,
  CustomField,
  CustomFieldId,
  CustomFieldKind,
  CustomValue,
  CustomFilter,
  CompetitorUsers,
  ProductUser,
  CustomerRetention,
  DealResult,
  SizeBand,
  PriceBand,
  LostCustomer,
  GroupSales,
} from "./bindings";
export type AppInfo = AppInfo_Serialize;
export type BackupRow = BackupRow_Serialize;
export type BackupStatus = BackupStatus_Serialize;
export type CheckResult = CheckResult_Serialize;
export type RestoreOutcome = RestoreOutcome_Serialize;
export type CopyEntry = CopyEntry_Serialize;
export type Card = Card_Serialize;
export type CardFields = CardFields_Serialize;
export type Contact = Contact_Serialize;
export type ContactFields = ContactFields_Serialize;
export type CardPage = CardPage_Serialize;
export type CardQuery = CardQuery_Serialize;
export type CardRow = CardRow_Serialize;
export type SearchResults = SearchResults_Serialize;
export type ImportPreview = ImportPreview_Serialize;
export type SheetPreview = SheetPreview_Serialize;
export type ImportBatch = ImportBatch_Serialize;
export type ImportRequest = ImportRequest_Deserialize;
export type ImportMapping = Mapping_Serialize;
export type SavedMapping = SavedMapping_Serialize;
export type BulkChange = BulkChange_Deserialize;
export type ErrorReport = ErrorReport_Serialize;
export type FieldIssue = FieldIssue_Serialize;
export type HistoryEntry = HistoryEntry_Serialize;
export type KeyPerson = KeyPerson_Serialize;
export type KeyPersonFields = KeyPersonFields_Serialize;
export type Settings = Settings_Serialize;
export type Note = Note_Serialize;
export type NoteFields = NoteFields_Serialize;
export type NotePage = NotePage_Serialize;
export type NoteRow = NoteRow_Serialize;
export type NoteQuery = NoteQuery_Deserialize;
export type PlannedVisit = PlannedVisit_Serialize;
export type Appointment = Appointment_Deserialize;
export type DailyReport = DailyReport_Serialize;
export type PlanLine = PlanLine_Serialize;
export type PlanLineFields = PlanLineFields_Serialize;
export type PlanOverview = PlanOverview_Serialize;
export type PlanProgress = PlanProgress_Serialize;
export type DailyReview = DailyReviewBinding;
export type MonthAmount = MonthAmountBinding;
export type CardCheck = CardCheckBinding;
export type CardLinks = CardLinks_Serialize;
export type Payment = Payment_Serialize;
export type CardLinkFields = CardLinkFields_Deserialize;
export type DailyContact = DailyContact_Serialize;
export type Messaging = Messaging_Serialize;
export type VisitBrief = VisitBrief_Serialize;
export type VisitCandidate = VisitCandidate_Serialize;
export type VisitCandidateQuery = VisitCandidateQuery_Deserialize;
export type Assessment = Assessment_Serialize;
export type AssessmentChanges = AssessmentChanges_Serialize;
export type AssessmentFields = AssessmentFields_Serialize;
export type CardCompetition = CardCompetition_Serialize;
export type ProductHint = ProductHint_Serialize;
export type CardProduct = CardProduct_Serialize;
export type CardProductFields = CardProductFields_Serialize;
export type CaseMatch = CaseMatch_Serialize;
export type CaseStudy = CaseStudy_Serialize;
export type CaseStudyFields = CaseStudyFields_Serialize;
export type CategoryShare = CategoryShare_Serialize;
export type Competitor = Competitor_Serialize;
export type CompetitorFields = CompetitorFields_Serialize;
export type Criterion = Criterion_Serialize;
export type Product = Product_Serialize;
export type ProductFields = ProductFields_Serialize;
export type ProductScores = ProductScores_Serialize;
export type Sheet = Sheet_Serialize;
export type SheetFields = SheetFields_Serialize;
export type SheetSummary = SheetSummary_Serialize;
export type SheetView = SheetView_Serialize;
export type VersusText = VersusText_Serialize;
/** What to export; what is left out takes the core's default. */
export type ReportRequest = ReportRequest_Deserialize;
export type HandoverPreview = HandoverPreview_Serialize;
export type TakeOver = TakeOver_Serialize;

export type CardSales = CardSales_Serialize;
export type ClassConfig = ClassConfig_Serialize;
export type ClassificationView = ClassificationView_Serialize;
export type CollectionPlan = CollectionPlan_Serialize;
export type Dashboard = Dashboard_Serialize;
export type DashboardQuery = DashboardQuery_Serialize;
export type ParetoBar = ParetoBar_Serialize;
export type ReceivableRow = ReceivableRow_Serialize;
export type Receivables = Receivables_Serialize;
export type Reclassified = Reclassified_Serialize;
export type SalesSummary = SalesSummary_Serialize;
export type StoredClass = StoredClass_Serialize;
export type Transaction = Transaction_Serialize;
export type TransactionFields = TransactionFields_Serialize;
export type GradeBand = GradeBand_Serialize;
export type CardClass = CardClass_Serialize;

export type { ErrorCode };

export class ApiError extends Error {
  constructor(readonly report: ErrorReport) {
    super(report.code);
  }

  /** The stable code; one of the core's declared set. */
  get code(): ErrorCode {
    return this.report.code as ErrorCode;
  }
}

/** Whether `error` is the core's error `code`, for the places the window can help with it. */
export function isError(error: unknown, code: ErrorCode): boolean {
  return error instanceof ApiError && error.code === code;
}

type Result<T> = { status: "ok"; data: T } | { status: "error"; error: ErrorReport };

export async function call<T>(pending: Promise<Result<T>>): Promise<T> {
  const result = await pending;
  if (result.status === "error") throw new ApiError(result.error);
  return result.data;
}

/** What went wrong, in the user's language. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) return t(`error.${error.report.code}`, error.report.params);
  return t("error.unknown", { detail: error instanceof Error ? error.message : String(error) });
}

/** The field problems of a validation error, keyed by field path. */
export function fieldIssues(error: unknown): Map<string, FieldIssue> {
  const issues = new Map<string, FieldIssue>();
  if (error instanceof ApiError) for (const issue of error.report.fields) issues.set(issue.field, issue);
  return issues;
}

export function issueText(issue: FieldIssue | undefined): string {
  if (!issue) return "";
  return t(`rule.${issue.rule}`, issue.limit === null ? undefined : { limit: issue.limit });
}
