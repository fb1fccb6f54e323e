export interface DoorCountDay {
	date: string;
	branch: string;
	visits: number;
}
