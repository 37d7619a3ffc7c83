"""The Standaard Verwerkersovereenkomst Gemeenten (VWO 2.5) as a dienst."""
