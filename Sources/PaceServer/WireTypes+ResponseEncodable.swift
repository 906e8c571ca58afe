import Hummingbird
import PaceAPI

// The API's answers, encoded by the context's ``PaceJSON`` (sorted keys).
extension EventRecord: ResponseEncodable {}
extension EventList: ResponseEncodable {}
extension StatusResponse: ResponseEncodable {}
extension VerifyResponse: ResponseEncodable {}
extension RebuildResponse: ResponseEncodable {}
extension TeamList: ResponseEncodable {}
extension TeamView: ResponseEncodable {}
extension CalendarView: ResponseEncodable {}
extension TargetView: ResponseEncodable {}
extension DerivationView: ResponseEncodable {}
extension ProgressView: ResponseEncodable {}
extension ReportView: ResponseEncodable {}
extension CustomerList: ResponseEncodable {}
extension SlipList: ResponseEncodable {}
extension PlanView: ResponseEncodable {}
extension WeekReviewView: ResponseEncodable {}
extension MonthReviewView: ResponseEncodable {}
extension GoalView: ResponseEncodable {}
extension UserList: ResponseEncodable {}
extension UserView: ResponseEncodable {}
extension TokenCreated: ResponseEncodable {}
extension TokenList: ResponseEncodable {}
extension TokenView: ResponseEncodable {}
extension ClockResponse: ResponseEncodable {}
extension LoginLinkView: ResponseEncodable {}
extension BatchResult: ResponseEncodable {}
