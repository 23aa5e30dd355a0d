export interface NetworkPolicy {
  readonly id: string;
  readonly name: string;
  readonly allowedIpList: readonly string[];
  readonly blockedIpList: readonly string[];
  readonly comment: string | null;
  readonly owner: string;
  readonly createdOn: number;
  readonly updatedOn: number;
}
