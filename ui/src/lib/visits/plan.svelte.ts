// The plan's shown range survives a trip to a card or a brief and back.
import { isoDate } from "./dates";

class PlanView {
  day = $state(isoDate(new Date()));
  span = $state<"day" | "week">("week");
}

export const plan = new PlanView();
